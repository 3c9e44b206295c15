// Helpers for the agent protocol tests: hosts with known credentials, requests as an agent sends
// them, and a record of every answer so a file can assert no stored hash ever left the server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db/client";
import { bootstrapTokens, enrolmentTokens, hostPackages, hosts, reports } from "@/db/schema";
import { createHostWithCredentials } from "@/lib/agent/enrolment";

export type TestHost = { hostId: string; apiId: string; apiKey: string };

export async function createTestHost(name = "test-host"): Promise<TestHost> {
  const { host, apiKey } = await createHostWithCredentials({ friendlyName: name });
  return { hostId: host.id, apiId: host.apiId, apiKey };
}

export function keyHeaders(host: Pick<TestHost, "apiId" | "apiKey">): Record<string, string> {
  return { "X-API-ID": host.apiId, "X-API-KEY": host.apiKey };
}

type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  query?: Record<string, string>;
};

export function agentRequest(route: string, options: RequestOptions = {}): Request {
  const url = new URL(`http://patchmon.test/api/v1${route}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers(options.headers);
  let body: BodyInit | undefined;
  if (typeof options.body === "string" || options.body instanceof Uint8Array) {
    body = options.body as BodyInit;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(url, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert the JSON answers field by field.
export type Answer = { status: number; headers: Headers; text: string; body: any };

/** Every answer of this test file, for assertNoStoredSecretsLeaked. */
export const answers: string[] = [];

export async function call(
  handler: (request: Request) => Promise<Response>,
  request: Request,
): Promise<Answer> {
  const response = await handler(request);
  const text = await response.text();
  answers.push(text);
  let body: unknown = text;
  if (response.headers.get("content-type")?.includes("json")) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, body };
}

/** No answer contained a stored hash (key, bootstrap token or enrolment secret) or a hash column. */
export async function assertNoStoredSecretsLeaked(): Promise<void> {
  const db = getDb();
  const hashes = [
    ...(await db.select({ h: hosts.apiKeyHash }).from(hosts)).map((r) => r.h),
    ...(await db.select({ h: bootstrapTokens.tokenHash }).from(bootstrapTokens)).map((r) => r.h),
    ...(await db.select({ h: enrolmentTokens.secretHash }).from(enrolmentTokens)).map((r) => r.h),
  ];
  expect(answers.length).toBeGreaterThan(0);
  expect(hashes.length).toBeGreaterThan(0);
  for (const text of answers) {
    expect(text).not.toMatch(/api_?key_?hash|secret_?hash|token_?hash/i);
    for (const hash of hashes) expect(text).not.toContain(hash);
  }
}

/** What a report changes about a host: its row (minus contact time), packages and history. */
export async function storedState(hostId: string): Promise<unknown> {
  const db = getDb();
  const [host] = await db.select().from(hosts).where(eq(hosts.id, hostId));
  const packages = await db.select().from(hostPackages).where(eq(hostPackages.hostId, hostId));
  const history = await db.select().from(reports).where(eq(reports.hostId, hostId));
  const { lastContactAt: _c, updatedAt: _u, ...rest } = host ?? ({} as Record<string, unknown>);
  return { host: rest, packages, history };
}

/** A directory holding agent-scripts/ fixtures; run code there with inDirectory. */
export function scriptFixtures(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-scripts-"));
  fs.mkdirSync(path.join(dir, "agent-scripts"));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, "agent-scripts", name), content);
  }
  return dir;
}

/** Runs `work` with `dir` as working directory (route handlers read agent-scripts/ from there). */
export async function inDirectory<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await work();
  } finally {
    process.chdir(previous);
  }
}

export const INSTALLER_FIXTURE = [
  "#!/bin/sh",
  'PATCHMON_URL="__PATCHMON_URL__"',
  'CURL_FLAGS="__CURL_FLAGS__"',
  'BOOTSTRAP_TOKEN="__BOOTSTRAP_TOKEN__"',
  'FORCE_INSTALL="__FORCE_INSTALL__"',
  'ARCHITECTURE="__ARCHITECTURE__"',
  "",
].join("\n");

export const AGENT_FIXTURE = '#!/bin/sh\nAGENT_VERSION="1.5.0"\necho agent\n';
export const REMOVER_FIXTURE = "#!/bin/sh\necho removing\n";
