// Integration tests: a fresh PostgreSQL database per run (from TEST_DATABASE_URL), dropped afterwards.
// Without TEST_DATABASE_URL each test file gets its own embedded PGlite data directory instead.
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string | null;
    redisUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? null;
  project.provide("redisUrl", redisUrl);
  if (!adminUrl) {
    console.warn("[integration] TEST_DATABASE_URL is not set: running on embedded PGlite");
    project.provide("databaseUrl", null);
    return async () => {};
  }
  const name = `patchmon_it_${Date.now()}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  project.provide("databaseUrl", url.toString());
  console.log(`[integration] using fresh PostgreSQL database ${name}`);
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
