// How LOG_LEVEL, ENABLE_LOGGING, PM_LOG_TO_CONSOLE and PM_LOG_REQUESTS_IN_DEV shape the logger.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "./env";
import { getLogger, resetLogger, shouldLogRequests } from "./logger";

const saved = { ...process.env };

function configure(values: Record<string, string>): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-log-"));
  process.env = { ...saved, PATCHMON_DATA_DIR: dataDir, ...values };
  resetEnvCache();
  resetLogger();
  return dataDir;
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  resetLogger();
});

describe("logging configuration", () => {
  it("uses LOG_LEVEL, and ENABLE_LOGGING=false silences everything", () => {
    configure({ LOG_LEVEL: "debug" });
    expect(getLogger().level).toBe("debug");
    configure({ LOG_LEVEL: "debug", ENABLE_LOGGING: "false" });
    expect(getLogger().level).toBe("silent");
    expect(getLogger("db").level).toBe("silent");
  });

  it("writes to a private file in the data directory unless PM_LOG_TO_CONSOLE=true", async () => {
    const dataDir = configure({ PM_LOG_TO_CONSOLE: "false", LOG_LEVEL: "info" });
    getLogger("test").info({ marker: "to-the-file" }, "hello file");
    await new Promise<void>((resolve) => getLogger().flush(() => resolve()));
    const file = path.join(dataDir, "logs", "patchmon.log");
    await expect.poll(() => fs.existsSync(file) && fs.readFileSync(file, "utf8")).toContain("to-the-file");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("logs requests only in development with PM_LOG_REQUESTS_IN_DEV=true", () => {
    configure({ NODE_ENV: "development", PM_LOG_REQUESTS_IN_DEV: "true" });
    expect(shouldLogRequests()).toBe(true);
    configure({ NODE_ENV: "production", PM_LOG_REQUESTS_IN_DEV: "true" });
    expect(shouldLogRequests()).toBe(false);
    configure({ NODE_ENV: "development" });
    expect(shouldLogRequests()).toBe(false);
  });
});
