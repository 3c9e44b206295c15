import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "../..");

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** The environment of a child process: only what the test gives plus PATH/HOME, never the runner's. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    // tsx resolves the "@/..." paths from this tsconfig whatever the child's working directory.
    TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
  };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) base[key] = value;
  return base;
}

// By URL, so that a child started in another working directory still finds it.
const tsxLoader = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;

const children = new Set<ChildProcess>();

/** Runs a TypeScript entrypoint (cli/main.ts, workers/index.ts) in a fresh Node process. */
export function spawnEntry(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd = root,
): ChildProcess {
  const child = spawn(process.execPath, ["--import", tsxLoader, path.join(root, entry), ...args], {
    cwd,
    env: childEnv(env),
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Kills every child a test left running (a failed assertion skips the test's own cleanup). */
export async function killChildren(): Promise<void> {
  const running = [...children];
  for (const child of running) child.kill("SIGKILL");
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on("exit", resolve))),
    ),
  );
}

export function collect(child: ChildProcess, input?: string): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  input?: string,
): Promise<RunResult> {
  return collect(spawnEntry("cli/main.ts", args, env), input);
}

/** Resolves when `predicate` holds, polling every intervalMs, or rejects after timeoutMs. */
export async function waitFor<T>(
  predicate: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
