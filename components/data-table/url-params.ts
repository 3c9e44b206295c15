// Builds the href of the current list with some search params changed: list state lives in the
// URL so a view can be shared and the back button works.

/** A copy of `current` with `changes` applied; null, undefined or "" removes a param. */
export function withParams(
  pathname: string,
  current: URLSearchParams | string,
  changes: Record<string, string | number | null | undefined>,
): string {
  const params = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}
