// Running the shell scripts of agent-scripts/ from integration tests: enrolment tokens, a
// stand-in crontab (so root's real one is never touched), and an asynchronous runner (the route
// handlers answer from this process, so a synchronous child would deadlock it).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createEnrolmentToken } from "@/db/queries/enrolment";
import { ensureHostGroups } from "@/db/queries/hosts";
import { generateEnrolmentKey, generateSecret, hashSecret } from "@/lib/agent/credentials";

export const SCRIPTS = path.resolve(import.meta.dirname, "../../agent-scripts");

export type Token = { key: string; secret: string; id: string };

export async function createToken(
  options: { allow?: string[]; maxPerDay?: number; groups?: string[] } = {},
): Promise<Token> {
  const secret = generateSecret();
  const token = await createEnrolmentToken({
    name: `token-${randomUUID().slice(0, 8)}`,
    tokenKey: generateEnrolmentKey(),
    secretHash: hashSecret(secret),
    maxHostsPerDay: options.maxPerDay ?? 100,
    allowedIpRanges: options.allow ?? [],
    expiresAt: null,
    groupIds: await ensureHostGroups(options.groups ?? []),
  });
  return { key: token.tokenKey, secret, id: token.id };
}

export function thisMachineId(): string | undefined {
  for (const file of ["/etc/machine-id", "/var/lib/dbus/machine-id"]) {
    try {
      const id = fs.readFileSync(file, "utf8").trim();
      if (id) return id;
    } catch {}
  }
  return undefined;
}

/** Writes an executable `name` into `dir`. */
export function writeBin(dir: string, name: string, body: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}`);
  fs.chmodSync(path.join(dir, name), 0o755);
}

/** A crontab(1) stand-in keeping the table in $PATCHMON_TEST_CRONTAB: -l, -r, - and FILE. */
export function fakeCrontab(dir: string): void {
  writeBin(
    dir,
    "crontab",
    `T="\${PATCHMON_TEST_CRONTAB:?}"
case "$1" in
-l) [ -f "$T" ] && cat "$T" || { echo "no crontab for root" >&2; exit 1; } ;;
-r) rm -f "$T" ;;
-) cat >"$T" ;;
*) cat "$1" >"$T" ;;
esac
`,
  );
}

export type ScriptResult = { code: number; stdout: string; stderr: string };

/** Runs the command line `command` with `sh -c`, as an operator pastes it, asynchronously. */
export function runCommand(command: string, env: Record<string, string>): Promise<ScriptResult> {
  return runScript("-c", [command], env);
}

/** Runs `sh script args` with exactly `env` (plus HOME and NODE_ENV), asynchronously. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  shell: string[] = ["sh"],
): Promise<ScriptResult> {
  const [cmd = "sh", ...rest] = shell;
  return new Promise((resolve) => {
    execFile(
      cmd,
      [...rest, script, ...args],
      {
        env: { NODE_ENV: "test", HOME: process.env.HOME ?? "/root", ...env },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number | string }).code ?? 1) : 0;
        resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
      },
    );
  });
}
