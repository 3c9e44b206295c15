import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubText } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, logger: createLogger({ level: "debug", destination: stream }) };
}

const apiKey = "a3f1".repeat(16);
const hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

describe("logger", () => {
  it("never writes secrets, at any depth or in messages", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        user: { username: "alice", password: "Hunter2!x", passwordHash: hash, tfaSecret: "JBSWY3DPEHPK3PXP" },
        headers: {
          "x-api-key": apiKey,
          authorization: "Bearer abcdefghijklmnop",
          cookie: "authjs.session-token=zzz",
        },
        apiKey,
        list: [{ token: "tok_123456" }],
        url: "postgres://patchmon:dbpass123@db:5432/patchmon",
      },
      `agent patchmon_0123456789abcdef sent key ${apiKey} with password=Hunter2!x`,
    );
    logger.error(new Error(`failed for redis://:redispass@cache:6379 with ${apiKey}`));
    const output = lines.join("");
    for (const secret of [
      "Hunter2!x",
      hash,
      "JBSWY3DPEHPK3PXP",
      apiKey,
      "abcdefghijklmnop",
      "zzz",
      "tok_123456",
      "dbpass123",
      "redispass",
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain("alice");
    expect(output).toContain("patchmon_0123456789abcdef");
    expect(output).toContain("[redacted]");
  });

  it("covers child bindings, interpolated arguments, plain `key` fields and long hex secrets", () => {
    const { lines, logger } = capture();
    const sessionSecret = "9f".repeat(64);
    logger.child({ apiKey, requestId: "req-1" }).info("with binding");
    logger.info("interpolated %o and %s", { password: "Interp0lated!" }, `secret ${sessionSecret}`);
    logger.info({ key: "plain-key-value", keyPrefix: "patchmon" }, "X-API-KEY: abcdef0123 sent");
    const output = lines.join("");
    for (const secret of [apiKey, "Interp0lated!", sessionSecret, "plain-key-value", "abcdef0123"]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain("req-1");
    expect(output).toContain('"keyPrefix":"patchmon"');
  });

  it("scrubs credentials out of free text", () => {
    expect(scrubText(`key ${apiKey}`)).toBe("key [redacted]");
    expect(scrubText("Authorization: Basic dXNlcjpwYXNzd29yZA==")).toContain("Basic [redacted]");
  });

  it("honours the level", () => {
    const { lines, logger: debugLogger } = capture();
    const logger = debugLogger.child({}, { level: "warn" });
    logger.info("hidden");
    logger.warn("shown");
    expect(lines.join("")).not.toContain("hidden");
    expect(lines.join("")).toContain("shown");
  });
});
