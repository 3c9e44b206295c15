import { createHash } from "node:crypto";

/** Keys in `current` that were not in `previous`: the set grew when this is non-empty. */
export function addedKeys(previous: readonly string[], current: readonly string[]): string[] {
  const before = new Set(previous);
  return [...new Set(current)].filter((key) => !before.has(key)).sort();
}

/** A short stable digest of a key set, for the dedup key of one growth of the set. */
export function keySetDigest(keys: readonly string[]): string {
  return createHash("sha256")
    .update([...keys].sort().join("\n"))
    .digest("hex")
    .slice(0, 16);
}
