// PGlite is an embedded database with no locking between processes: two processes opening one data
// directory silently lose each other's writes. A lock file with the owner's pid keeps it to one.
import fs from "node:fs";

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another PatchMon process (pid ${pid}). ` +
        "Stop it first, or set DATABASE_URL to use PostgreSQL, which any number of processes can share.",
    );
    this.name = "DataDirInUseError";
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws DataDirInUseError; a lock left by a process that died is taken over. */
export function acquirePgliteLock(lockFile: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      const release = () => {
        process.removeListener("exit", release);
        try {
          if (Number(fs.readFileSync(lockFile, "utf8").trim()) === process.pid) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (isRunning(owner)) throw new DataDirInUseError(dataDir, owner);
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}
