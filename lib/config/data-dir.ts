import fs from "node:fs";

/**
 * Creates the data directory (embedded database, generated secret, logs) readable by this user
 * only: the embedded database writes its files world-writable, so the directory is the barrier.
 */
export function ensurePrivateDirectory(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  } catch (error) {
    process.stderr.write(`PatchMon: could not restrict ${dir} to its owner: ${(error as Error).message}\n`);
  }
}
