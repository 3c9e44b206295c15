// Parsers shared by the deployment-file tests (deploy-*.test.ts): .env files, compose interpolation,
// the Dockerfile's stages, and a scratch app root for running docker/entrypoint.sh against a stub.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";

export const root = path.resolve(import.meta.dirname, "../..");
export const readText = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

// ---- .env files ------------------------------------------------------------------------------

export function parseEnvFile(text: string): {
  values: Map<string, string>;
  duplicates: string[];
  uncommented: string[];
} {
  const values = new Map<string, string>();
  const duplicates: string[] = [];
  const uncommented: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) return;
    const name = match[1] ?? "";
    const value = match[2] ?? "";
    if (values.has(name)) duplicates.push(name);
    if (!lines[i - 1]?.startsWith("#")) uncommented.push(name);
    values.set(name, value);
  });
  return { values, duplicates, uncommented };
}

export const example = parseEnvFile(readText(".env.example"));

// ---- compose.yaml ----------------------------------------------------------------------------

export type Ref = { name: string; operator: string; argument: string };

/** Every compose interpolation (`$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR:?msg}` ...); `$$` is a literal `$`. */
export function interpolationRefs(text: string): Ref[] {
  const refs: Ref[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$") continue;
    if (text[i + 1] === "$") {
      i++;
      continue;
    }
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}/.exec(text.slice(i + 1));
    const bare = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i + 1));
    if (braced) refs.push({ name: braced[1] ?? "", operator: braced[2] ?? "", argument: braced[3] ?? "" });
    else if (bare) refs.push({ name: bare[1] ?? "", operator: "", argument: "" });
  }
  return refs;
}

/** Resolves interpolations the way compose does, from the variables of a .env file. */
export function interpolate(text: string, vars: Map<string, string>): string {
  const pattern = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;
  return text.replace(
    pattern,
    (whole: string, name: string, op: string | undefined, arg: string | undefined) => {
      if (whole === "$$") return "$";
      const value = vars.get(name);
      const missing = value === undefined || (op?.startsWith(":") && value === "");
      if (missing && op?.endsWith("?")) throw new Error(`compose would stop: ${arg}`);
      if (missing && op?.endsWith("-")) return arg ?? "";
      return value ?? "";
    },
  );
}

/** Every string of a parsed YAML document, keys included: what compose interpolates (not comments). */
export function yamlStrings(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(yamlStrings);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) => [key, ...yamlStrings(value)]);
  }
  return [];
}

export type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  init?: boolean;
  env_file?: string | (string | { path: string })[];
  environment?: Record<string, string> | string[];
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  volumes?: string[];
  networks?: string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
};

export const composeText = readText("compose.yaml");
export const compose = parseYaml(composeText) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  version?: unknown;
  "x-patchmon-environment"?: Record<string, string>;
};
export const services = compose.services ?? {};
/** A service by name; an empty one when absent, so the expectations name what is missing. */
export const service = (name: string): Service => services[name] ?? {};
export const composeStrings = yamlStrings(compose);
export const words = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(" ") : (value ?? "");
export const envFiles = (service: Service) =>
  [service.env_file ?? []].flat().map((entry) => (typeof entry === "string" ? entry : entry.path));

/** A service's `environment:` as a map, from either the mapping or the `- KEY=value` list form. */
export function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(
    env.map((entry) => [
      entry.split("=")[0] ?? "",
      entry.includes("=") ? entry.slice(entry.indexOf("=") + 1) : "",
    ]),
  );
}

/** .env.example after the quick start's three sed lines. */
export function quickStartEnv(): Map<string, string> {
  const vars = new Map(example.values);
  vars.set("POSTGRES_PASSWORD", "a".repeat(64));
  vars.set("REDIS_PASSWORD", "b".repeat(64));
  vars.set("JWT_SECRET", "c".repeat(128));
  return vars;
}

// ---- Dockerfile ------------------------------------------------------------------------------

export type Instruction = { keyword: string; args: string };
export type Stage = { name?: string; from: string; instructions: Instruction[] };

export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    if (current === "" && /^\s*(#|$)/.test(line)) continue;
    if (/^\s*#/.test(line)) continue; // comment lines inside a continuation are dropped
    if (line.endsWith("\\")) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = "";
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = "", args = ""] = /^\s*(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.trim() };
    if (instruction.keyword === "FROM") {
      const [from = "", as, name] = instruction.args.replace(/--platform=\S+\s+/, "").split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

// ---- Health checks ---------------------------------------------------------------------------

/**
 * Runs a `node -e` health check on this machine. The container's `/proc/1/cmdline` is replaced by a
 * file holding `pid1` (argv joined with NULs), so the check sees the process tree of a container.
 */
export async function runNodeCheck(argv: string[], pid1: string[], port: number): Promise<boolean> {
  if (argv[0] !== "node" || argv[1] !== "-e" || !argv[2]?.includes("/proc/1/cmdline"))
    throw new Error(`not a node -e check of /proc/1/cmdline: ${JSON.stringify(argv)}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-healthcheck-"));
  const cmdline = path.join(dir, "cmdline");
  fs.writeFileSync(cmdline, `${pid1.join("\0")}\0`);
  const script = argv[2].replaceAll("/proc/1/cmdline", cmdline);
  try {
    return await new Promise<boolean>((resolve) => {
      const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PORT: String(port) };
      execFile(process.execPath, ["-e", script], { env, timeout: 10_000 }, (error) =>
        resolve(error === null),
      );
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** PID 1's argv in the containers compose and `docker run` start, per role and with or without an init. */
export const pid1 = {
  worker: ["node", "dist/worker.mjs"],
  workerStarting: ["/bin/sh", "/app/docker/entrypoint.sh", "worker"],
  workerWithInit: ["/sbin/docker-init", "--", "/app/docker/entrypoint.sh", "worker"],
  web: ["node", "server.js"],
  webPreflight: ["/bin/sh", "/app/docker/entrypoint.sh", "web"],
  webWithInit: ["/sbin/docker-init", "--", "/app/docker/entrypoint.sh", "web"],
};

// ---- docker/entrypoint.sh --------------------------------------------------------------------

export const entrypoint = path.join(root, "docker/entrypoint.sh");

/**
 * A scratch app root holding a copy of the entrypoint and a stub `node` on PATH that appends
 * `<cwd>|[arg][arg]...` to a log. The stub exits 3 when its arguments are `failing`, and when they
 * are `hanging` it logs `terminated` on SIGTERM after sleeping up to 10 s.
 */
export function stubApp(options: { failing?: string; hanging?: string } = {}) {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-entrypoint-"));
  fs.mkdirSync(path.join(app, "docker"));
  fs.mkdirSync(path.join(app, "bin"));
  fs.copyFileSync(entrypoint, path.join(app, "docker/entrypoint.sh"));
  const log = path.join(app, "calls.log");
  fs.writeFileSync(
    path.join(app, "bin/node"),
    [
      "#!/bin/sh",
      `hanging=; [ "$*" = "${options.hanging ?? ""}" ] && hanging=1`,
      // The trap is in place before the call is logged, which is when tests send the signal.
      `[ -n "$hanging" ] && trap 'kill "$sleeper"; echo terminated >> "${log}"; exit 143' TERM`,
      `{ printf '%s|' "$(pwd)"; printf '[%s]' "$@"; echo; } >> "${log}"`,
      `[ "$*" = "${options.failing ?? ""}" ] && exit 3`,
      `if [ -n "$hanging" ]; then`,
      `  sleep 10 & sleeper=$!`,
      `  wait "$sleeper"`,
      "fi",
      "exit 0",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: `${path.join(app, "bin")}:/usr/bin:/bin` };
  return {
    script: path.join(app, "docker/entrypoint.sh"),
    env,
    /** The stub's log lines, the app root written as APP. */
    calls: (): string[] =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, "utf8")
            .trim()
            .split("\n")
            .map((c) => c.replace(`${app}|`, "APP|"))
        : [],
    remove: () => fs.rmSync(app, { recursive: true, force: true }),
  };
}

/** Polls until `condition` holds, for at most `ms` milliseconds. */
export async function until(condition: () => boolean, ms = 5000): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < ms; ) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}
