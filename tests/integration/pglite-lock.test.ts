// Zero-config mode: one process at a time may open the embedded database (PGlite has no locking
// between processes, and a second writer silently loses data).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb } from "@/db/migrate";
import { getSettings } from "@/db/queries/settings";
import { useMigratedDatabase } from "../support/database";
import { collect, runCli, spawnEntry } from "../support/processes";

const dataDir = process.env.PATCHMON_DATA_DIR as string;
const cliEnv = { PATCHMON_DATA_DIR: dataDir, DATABASE_URL: undefined, JWT_SECRET: undefined };

describe("embedded database lock", () => {
  useMigratedDatabase({ DATABASE_URL: undefined });

  it("keeps a second process out while this one has the data directory open", async () => {
    await getSettings();
    const lock = fs.readFileSync(path.join(dataDir, "pglite.lock"), "utf8").trim();
    expect(Number(lock)).toBe(process.pid);

    const blocked = await runCli(["settings:show"], cliEnv);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(new RegExp(`in use by another PatchMon process \\(pid ${process.pid}\\)`));
    expect(blocked.stderr).not.toMatch(/attempt 2/);
  });

  it("lets the next process in once it is closed, and takes over a lock left by a dead process", async () => {
    await closeDb();
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);

    const dead = spawnEntry("cli/main.ts", ["help"], {});
    const deadPid = dead.pid as number;
    await collect(dead);
    fs.writeFileSync(path.join(dataDir, "pglite.lock"), `${deadPid}\n`);

    const result = await runCli(["settings:show", "--json"], cliEnv);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 1 });
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  }, 120_000);

  it("keeps the data directory private to its owner", () => {
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });
});
