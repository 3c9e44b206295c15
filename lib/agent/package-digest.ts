// The package digest of a host: one 53-bit hash per stored host_packages row (name, versions and
// flags), kept on the host row (hosts.package_digest) and rewritten by every full report that
// stores a complete list. It lets a full report send PostgreSQL only the rows that differ from what
// is stored instead of all of them: a re-report of 2,000 packages with 20 changes then writes 20
// rows and reads 20, where comparing the whole list in SQL reads and joins 2,000.
//
// The digest is a shortcut, never the truth: what it cannot settle (no digest, another package
// manager, a package that vanished, a row the catalogue lacks) goes to the full comparison in SQL,
// which then rewrites the digest. It describes the table as long as only ingestion writes
// host_packages; the one other writer, the package-delete trigger, clears it (migration 0010). A
// digest that disagrees with the table is caught only where the disagreement touches a changed row
// (a count that does not add up); anything else writing host_packages must clear it too.
//
// Collisions: a changed row is taken for unchanged only if its new hash equals one of the host's
// stored hashes, about n / 2^53 per changed row (2e-13 for 2,000 packages).
import type { ReportedPackage } from "@/db/queries/ingestion";

const VERSION = "v1";

/** Feeds a string's length and then its characters, so that field boundaries are unambiguous. */
function feed(state: Uint32Array, value: string | null): void {
  let h1 = state[0] as number;
  let h2 = state[1] as number;
  const length = value === null ? 0x1_0000 : value.length; // above any char code: null is not ""
  h1 = Math.imul(h1 ^ length, 2_654_435_761);
  h2 = Math.imul(h2 ^ length, 1_597_334_677);
  if (value !== null) {
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2_654_435_761);
      h2 = Math.imul(h2 ^ code, 1_597_334_677);
    }
  }
  state[0] = h1;
  state[1] = h2;
}

const scratch = new Uint32Array(2);

/** cyrb53 over the row's fields: a 53-bit integer, exact in a double. */
export function packageRowHash(pkg: ReportedPackage): number {
  scratch[0] = 0xdeadbeef;
  scratch[1] = 0x41c6ce57;
  feed(scratch, pkg.name);
  feed(scratch, pkg.currentVersion);
  feed(scratch, pkg.availableVersion);
  feed(scratch, pkg.needsUpdate ? "t" : "f");
  feed(scratch, pkg.isSecurityUpdate === null ? null : pkg.isSecurityUpdate ? "t" : "f");
  let h1 = scratch[0] as number;
  let h2 = scratch[1] as number;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
  return 4_294_967_296 * (0x1f_ffff & h2) + (h1 >>> 0);
}

/** `v1:<package manager>:<base64 of the hashes as little-endian doubles>` (about 21 kB for 2,000 rows). */
export function encodeDigest(packageManager: string, hashes: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(hashes.length * 8);
  for (let index = 0; index < hashes.length; index++) bytes.writeDoubleLE(hashes[index] as number, index * 8);
  return `${VERSION}:${packageManager}:${bytes.toString("base64")}`;
}

/** The stored hashes for this package manager, or null (none stored, another manager, unreadable). */
export function decodeDigest(digest: string | null, packageManager: string): Set<number> | null {
  if (digest === null) return null;
  const prefix = `${VERSION}:${packageManager}:`;
  if (!digest.startsWith(prefix)) return null;
  const bytes = Buffer.from(digest.slice(prefix.length), "base64");
  if (bytes.length % 8 !== 0) return null;
  const set = new Set<number>();
  for (let offset = 0; offset < bytes.length; offset += 8) set.add(bytes.readDoubleLE(offset));
  return set.size * 8 === bytes.length ? set : null;
}

export type DigestPlan = {
  /** Indexes of the reported rows the digest does not hold (new or changed). */
  changed: number[];
  /**
   * Stored rows no reported row matched: each one is either the old state of a changed row or a
   * package that vanished. After writing the changed rows, this minus the rows that existed before
   * is the number of vanished packages; anything but 0 needs the full comparison.
   */
  unmatchedStored: number;
};

/**
 * Compares a report's row hashes with the stored digest. Null when the digest cannot be used:
 * none stored, another package manager, or two reported rows with one hash (a collision).
 */
export function planFromDigest(
  digest: string | null,
  packageManager: string,
  hashes: readonly number[],
): DigestPlan | null {
  const stored = decodeDigest(digest, packageManager);
  if (stored === null) return null;
  const reported = new Set(hashes);
  if (reported.size !== hashes.length) return null;
  const changed: number[] = [];
  let matched = 0;
  for (let index = 0; index < hashes.length; index++) {
    if (stored.has(hashes[index] as number)) matched++;
    else changed.push(index);
  }
  return { changed, unmatchedStored: stored.size - matched };
}
