import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "@/lib/env";
import { readJsonBody } from "./body";
import { ApiError } from "./errors";
import { ipAllowed, isValidIpRange } from "./ip-allow-list";
import { apiRoute } from "./route";

beforeAll(() => {
  process.env.PATCHMON_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-api-"));
  process.env.PM_LOG_TO_CONSOLE = "false";
  process.env.LOG_LEVEL = "silent";
  resetEnvCache();
});

const request = (body?: BodyInit) =>
  new Request("http://x/api/v1/test", { method: body === undefined ? "GET" : "POST", body });

describe("apiRoute", () => {
  it("turns ApiError and ZodError into JSON, and anything else into a generic 500", async () => {
    const apiError = await apiRoute(async () => {
      throw new ApiError("teapot", 418, "I am a teapot", { headers: { "X-Why": "tea" } });
    })(request());
    expect(apiError.status).toBe(418);
    expect(apiError.headers.get("x-why")).toBe("tea");
    expect(await apiError.json()).toEqual({ error: "I am a teapot" });

    const zodError = await apiRoute(async () => {
      z.object({ a: z.number() }).parse({ a: "x" });
      return new Response();
    })(request());
    expect(zodError.status).toBe(400);
    expect(await zodError.json()).toEqual({
      error: "Invalid request body",
      issues: [{ path: "a", message: expect.any(String) }],
    });

    const crash = await apiRoute(async () => {
      throw new Error("secret internals at /work/main/lib/x.ts:12");
    })(request());
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(JSON.parse(text)).toEqual({ error: "Internal server error", requestId: expect.any(String) });
    expect(text).not.toContain("internals");
  });
});

describe("readJsonBody", () => {
  it("parses JSON, and answers 400 for empty, non-UTF-8 and non-JSON bodies", async () => {
    expect(await readJsonBody(request('{"a":1}'), 100)).toEqual({ value: { a: 1 }, bytes: 7 });
    expect((await readJsonBody(request(""), 100, { optional: true })).value).toBeUndefined();
    for (const body of ["", "   ", "{nope", new Uint8Array([0xff, 0xfe, 0x7b])]) {
      await expect(readJsonBody(request(body), 100)).rejects.toMatchObject({ status: 400 });
    }
  });

  it("stops reading at the limit with 413", async () => {
    await expect(readJsonBody(request(`"${"x".repeat(200)}"`), 100)).rejects.toMatchObject({
      status: 413,
      message: "Payload too large",
    });
  });
});

describe("IP allow-lists", () => {
  it("matches addresses and CIDRs of both families, IPv4-mapped included", () => {
    const list = ["10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "::ffff:172.16.0.0/108"];
    expect(ipAllowed("10.200.1.1", list)).toBe(true);
    expect(ipAllowed("::ffff:10.0.0.1", list)).toBe(true);
    expect(ipAllowed("192.0.2.7", list)).toBe(true);
    expect(ipAllowed("192.0.2.8", list)).toBe(false);
    expect(ipAllowed("2001:db8:1::1", list)).toBe(true);
    expect(ipAllowed("2001:db9::1", list)).toBe(false);
    expect(ipAllowed("172.16.9.9", list)).toBe(true);
    expect(ipAllowed(null, list)).toBe(false);
    expect(ipAllowed(null, [])).toBe(true);
  });

  it("accepts only well-formed entries", () => {
    for (const ok of ["10.0.0.0/8", "::1", "2001:db8::/32", "1.2.3.4"]) expect(isValidIpRange(ok)).toBe(true);
    for (const bad of [
      "10",
      "10.0.0.0/33",
      "2001:db8::/129",
      "1.2.3.4/8/1",
      "host.example",
      "0xa.0.0.1",
      "",
    ]) {
      expect(isValidIpRange(bad)).toBe(false);
    }
  });
});
