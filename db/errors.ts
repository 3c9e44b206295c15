// SQLSTATEs of driver errors. postgres.js and PGlite put the code on the error; drizzle wraps the
// driver's error as `cause`, so the whole chain is searched.
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A unique index refused the row (23505): someone else took the name first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}

/** A foreign key with ON DELETE RESTRICT refused the delete (23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === "23503";
}

/** Text PostgreSQL cannot store, such as a NUL character (22021, 22P05). */
export function isUnstorableText(error: unknown): boolean {
  const state = sqlState(error);
  return state === "22021" || state === "22P05";
}
