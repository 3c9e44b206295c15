import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const AGENT_DIR = path.resolve(import.meta.dirname, "..");
export const AGENT = path.join(AGENT_DIR, "patchmon-agent.sh");
export const FIXTURES = path.join(AGENT_DIR, "fixtures");

function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

// The agent must run under each of these; busybox is installed by .ci/run.
export const SHELLS: Array<{ name: string; argv: string[] }> = [
  { name: "dash", argv: ["dash"] },
  { name: "bash", argv: ["bash"] },
  { name: "busybox sh", argv: ["busybox", "sh"] },
].filter((s) => onPath(s.argv[0] ?? ""));

/** Source the agent as a library (main does not run) and evaluate `script` under `shell`. */
export function runLib(
  shell: { argv: string[] },
  script: string,
  opts: { input?: string; env?: Record<string, string> } = {},
): string {
  const [cmd = "sh", ...rest] = shell.argv;
  return execFileSync(cmd, [...rest, "-c", `. "${AGENT}" && ${script}`], {
    cwd: AGENT_DIR,
    input: opts.input,
    env: { ...process.env, PATCHMON_AGENT_LIB: "1", PATCHMON_LOG_FILE: "", ...opts.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

export { existsSync };
