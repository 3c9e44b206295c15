import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { killChildren } from "./processes";

// Each test file runs in its own worker: point the app's configuration at the test services.
const databaseUrl = inject("databaseUrl");
if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
else delete process.env.DATABASE_URL;
process.env.PATCHMON_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-it-"));
process.env.JWT_SECRET ??= "integration-test-secret-0123456789abcdef0123456789";
process.env.PM_LOG_TO_CONSOLE = "false";
// Expected failures (retries, invalid payloads) would flood the output; LOG_LEVEL=debug shows them.
process.env.LOG_LEVEL ??= "fatal";
delete process.env.REDIS_URL;
delete process.env.REDIS_HOST;
// Queue keys of this file only, so a worker left over elsewhere on the same Redis cannot take its jobs.
process.env.REDIS_KEY_PREFIX = `patchmon-test-${process.pid}-${Date.now()}`;

afterAll(killChildren);
