// Static checks of the deployment files (no Docker engine here): compose.yaml, .env.example,
// Dockerfile, .dockerignore, and a run of docker/entrypoint.sh against a stub `node`.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { knownVariables, parseEnv } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "../..");
const readText = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

// ---- .env.example ----------------------------------------------------------------------------

function parseEnvFile(text: string): {
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

const example = parseEnvFile(readText(".env.example"));

// ---- compose.yaml ----------------------------------------------------------------------------

type Ref = { name: string; operator: string; argument: string };

/** Every compose interpolation (`$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR:?msg}` ...); `$$` is a literal `$`. */
function interpolationRefs(text: string): Ref[] {
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
function interpolate(text: string, vars: Map<string, string>): string {
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
function yamlStrings(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(yamlStrings);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) => [key, ...yamlStrings(value)]);
  }
  return [];
}

type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  env_file?: string | (string | { path: string })[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  volumes?: string[];
  networks?: string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
};

const composeText = readText("compose.yaml");
const compose = parseYaml(composeText) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  version?: unknown;
};
const services = compose.services ?? {};
/** A service by name; an empty one when absent, so the expectations below name what is missing. */
const service = (name: string): Service => services[name] ?? {};
const composeStrings = yamlStrings(compose);
const words = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(" ") : (value ?? "");
const envFiles = (service: Service) =>
  [service.env_file ?? []].flat().map((entry) => (typeof entry === "string" ? entry : entry.path));

/** .env.example after the quick start's three sed lines. */
function quickStartEnv(): Map<string, string> {
  const vars = new Map(example.values);
  vars.set("POSTGRES_PASSWORD", "a".repeat(64));
  vars.set("REDIS_PASSWORD", "b".repeat(64));
  vars.set("JWT_SECRET", "c".repeat(128));
  return vars;
}

describe("compose.yaml", () => {
  it("interpolates only variables that .env.example defines", () => {
    const referenced = new Set(
      composeStrings.flatMap((text) => interpolationRefs(text)).map((ref) => ref.name),
    );
    expect(referenced.size).toBeGreaterThan(0);
    const missing = [...referenced].filter((name) => !example.values.has(name));
    expect(missing, `variables used in compose.yaml but missing from .env.example`).toEqual([]);
  });

  it("has no obsolete version key and the four services", () => {
    expect(compose.version).toBeUndefined();
    expect(Object.keys(services).sort()).toEqual(["database", "redis", "web", "worker"]);
  });

  it("runs web and worker from one image with .env", () => {
    const web = service("web");
    const worker = service("worker");
    expect(web.image).toBeDefined();
    expect(worker.image).toBe(web.image);
    expect(web.build).toBeDefined();
    for (const service of [web, worker]) expect(envFiles(service)).toContain(".env");
    expect(words(web.command)).toBe("web");
    expect(words(worker.command)).toBe("worker");
    expect(web.ports?.some((port) => /^"?\$\{PATCHMON_PORT:-3000\}:3000"?$/.test(port))).toBe(true);
  });

  it("points web and worker at the bundled PostgreSQL and Redis", () => {
    for (const name of ["web", "worker"]) {
      const env = service(name).environment ?? {};
      expect(env.DATABASE_URL, name).toMatch(
        /^postgres(ql)?:\/\/\$\{POSTGRES_USER[^}]*\}:\$\{POSTGRES_PASSWORD[^}]*\}@database:5432\/\$\{POSTGRES_DB[^}]*\}$/,
      );
      expect(env.REDIS_HOST, name).toBe("redis");
      expect(env.REDIS_PASSWORD, name).toMatch(/^\$\{REDIS_PASSWORD/);
      expect(String(env.PM_LOG_TO_CONSOLE), name).toBe("true");
    }
  });

  it("starts in order: database and redis healthy, then web (migrations), then worker", () => {
    const healthy = (service: Service, dep: string) =>
      service.depends_on?.[dep]?.condition === "service_healthy";
    for (const dep of ["database", "redis"]) {
      expect(healthy(service("web"), dep), `web -> ${dep}`).toBe(true);
      expect(healthy(service("worker"), dep), `worker -> ${dep}`).toBe(true);
    }
    expect(healthy(service("worker"), "web"), "worker -> web").toBe(true);
  });

  it("uses postgres:17 and a password-protected redis:7", () => {
    expect(service("database").image).toMatch(/^postgres:17(\b|-|$)/);
    expect(service("database").environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(service("redis").image).toMatch(/^redis:7(\b|-|$)/);
    expect(words(service("redis").command)).toMatch(/--requirepass\s+"?\$\{REDIS_PASSWORD:\?/);
  });

  it("gives every service a healthcheck, container-side variables escaped with $$", () => {
    for (const [name, service] of Object.entries(services)) {
      const test = words(service.healthcheck?.test);
      expect(service.healthcheck?.disable, name).not.toBe(true);
      expect(test, `${name} healthcheck`).not.toBe("");
      expect(interpolationRefs(test), `${name} healthcheck would be interpolated by compose`).toEqual([]);
    }
    expect(words(service("web").healthcheck?.test)).toMatch(
      /http:\/\/(127\.0\.0\.1|localhost):3000\/health['"]/,
    );
    expect(words(service("database").healthcheck?.test)).toContain("pg_isready");
    expect(words(service("redis").healthcheck?.test)).toMatch(/redis-cli -a "?\$\$REDIS_PASSWORD"? .*ping/);
  });

  it("keeps data in declared named volumes on one network", () => {
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual([
      "patchmon_data",
      "postgres_data",
      "redis_data",
    ]);
    const mounts = (name: string) => service(name).volumes ?? [];
    expect(mounts("database")).toContain("postgres_data:/var/lib/postgresql/data");
    expect(mounts("redis")).toContain("redis_data:/data");
    expect(mounts("web")).toContain("patchmon_data:/app/data");
    for (const [name, service] of Object.entries(services)) {
      for (const mount of service.volumes ?? []) {
        const source = mount.split(":")[0] ?? "";
        if (!source.startsWith(".") && !source.startsWith("/"))
          expect(compose.volumes, name).toHaveProperty(source);
      }
      expect(service.networks, name).toEqual(["patchmon-internal"]);
    }
    expect(compose.networks).toHaveProperty("patchmon-internal");
  });

  it("yields a valid configuration after the quick start (compose environment over .env)", () => {
    const vars = quickStartEnv();
    for (const name of ["web", "worker"]) {
      const merged: Record<string, string> = Object.fromEntries(vars);
      for (const [key, value] of Object.entries(service(name).environment ?? {})) {
        merged[key] = interpolate(String(value), vars);
      }
      const result = parseEnv(merged);
      expect(result.ok ? [] : result.problems, name).toEqual([]);
      if (!result.ok) continue;
      expect(result.env.zeroConfig).toBe(false);
      expect(new URL(result.env.database.url ?? "").host).toBe("database:5432");
      expect(result.env.redis).toMatchObject({ enabled: true, host: "redis", password: "b".repeat(64) });
      expect(result.env.dataDir).toBe("/app/data");
    }
  });

  it("refuses to start while a quick-start secret is still empty", () => {
    for (const secret of ["POSTGRES_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET"]) {
      const vars = quickStartEnv();
      vars.set(secret, "");
      expect(() => composeStrings.map((text) => interpolate(text, vars)), secret).toThrow(secret);
    }
  });
});

// ---- .env.example ----------------------------------------------------------------------------

describe(".env.example", () => {
  it("defines every variable lib/env.ts reads", () => {
    const missing = knownVariables().filter((name) => !example.values.has(name));
    expect(missing, "variables read by lib/env.ts but missing from .env.example").toEqual([]);
  });

  it("defines each variable once, each under a comment", () => {
    expect(example.duplicates).toEqual([]);
    expect(example.uncommented, "variables without a comment line above").toEqual([]);
  });

  it("has the empty secret lines the quick-start sed commands replace, and no secrets", () => {
    const lines = readText(".env.example").split("\n");
    for (const name of ["POSTGRES_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET"]) {
      expect(
        lines.filter((line) => line === `${name}=`),
        name,
      ).toHaveLength(1);
    }
    for (const name of [
      "DATABASE_URL",
      "REDIS_HOST",
      "REDIS_URL",
      "AI_ENCRYPTION_KEY",
      "SESSION_SECRET",
      "OIDC_CLIENT_SECRET",
    ]) {
      expect(example.values.get(name), name).toBe("");
    }
  });

  it("writes the built-in defaults as its values", () => {
    const fromExample = parseEnv(Object.fromEntries(example.values));
    const defaults = parseEnv({});
    expect(fromExample.ok ? [] : fromExample.problems).toEqual([]);
    expect(fromExample.ok && fromExample.env).toEqual(defaults.ok && defaults.env);
  });
});

// ---- Dockerfile ------------------------------------------------------------------------------

type Instruction = { keyword: string; args: string };
type Stage = { name?: string; from: string; instructions: Instruction[] };

function parseDockerfile(text: string): Stage[] {
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

const dockerfile = readText("Dockerfile");
const stages = parseDockerfile(dockerfile);
const final = stages.at(-1) as Stage;
const finalArgs = (keyword: string) =>
  final.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe("Dockerfile", () => {
  it("builds in several named stages on node 20 bookworm-slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(4);
    expect(dockerfile).toMatch(/node:20-bookworm-slim/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1/);
    expect(dockerfile).toMatch(/npm run build/);
  });

  it("builds Next's standalone output in the stage that runs npm run build", () => {
    const build = stages.find((stage) =>
      stage.instructions.some((i) => i.keyword === "RUN" && /npm run build/.test(i.args)),
    );
    const env = build?.instructions.filter((i) => i.keyword === "ENV").map((i) => i.args) ?? [];
    expect(env.some((args) => /PATCHMON_STANDALONE_BUILD=1/.test(args))).toBe(true);
    expect(readText("next.config.ts")).toMatch(/PATCHMON_STANDALONE_BUILD === "1" \? "standalone"/);
  });

  it("copies --from only stages defined earlier", () => {
    const bad: string[] = [];
    stages.forEach((stage, index) => {
      const earlier = stages.slice(0, index).map((s) => s.name);
      for (const { keyword, args } of stage.instructions) {
        const from = /--from=(\S+)/.exec(args)?.[1];
        if (keyword === "COPY" && from && !earlier.includes(from) && !(Number(from) < index))
          bad.push(`${from}: ${args}`);
      }
    });
    expect(bad).toEqual([]);
  });

  it("copies from the build context only files that exist and are not ignored", () => {
    const ignored = readText(".dockerignore")
      .split("\n")
      .map((line) => line.trim().replace(/\/$/, ""));
    for (const stage of stages) {
      for (const { keyword, args } of stage.instructions) {
        if ((keyword !== "COPY" && keyword !== "ADD") || /--from=/.test(args)) continue;
        const sources = args
          .split(/\s+/)
          .filter((word) => !word.startsWith("--"))
          .slice(0, -1);
        for (const source of sources.filter((s) => s !== ".")) {
          expect(fs.existsSync(path.join(root, source)), source).toBe(true);
          expect(
            ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`)),
            source,
          ).toEqual([]);
        }
      }
    }
  });

  it("runs the final stage as uid 1000 with the runtime environment", () => {
    const users = finalArgs("USER");
    expect(users.length, "USER after the last FROM").toBeGreaterThan(0);
    expect(users.at(-1)).toMatch(/^(1000(:1000)?|node(:node)?)$/);
    const env = finalArgs("ENV").join(" ");
    for (const setting of [
      "NODE_ENV=production",
      "HOSTNAME=0.0.0.0",
      "PORT=3000",
      "PATCHMON_DATA_DIR=/app/data",
      "PM_LOG_TO_CONSOLE=true",
    ]) {
      expect(env).toContain(setting);
    }
    expect(finalArgs("VOLUME").join(" ")).toContain("/app/data");
    expect(finalArgs("RUN").join(" ")).toMatch(/chown[^&]*1000:1000[^&]*\/app\/data/);
    expect(finalArgs("RUN").join(" ")).toMatch(/entrypoint\.sh cli "\$@"\\n' > \/usr\/local\/bin\/patchmon/);
  });

  it("serves on 3000 with a /health check and the entrypoint's web role", () => {
    expect(finalArgs("EXPOSE").join(" ").split(/\s+/)).toContain("3000");
    expect(finalArgs("HEALTHCHECK").join(" ")).toMatch(/^(--\S+\s+)*CMD \[/);
    expect(JSON.parse(finalArgs("CMD").at(-1) ?? "null")).toEqual(["web"]);
    expect(JSON.parse(finalArgs("ENTRYPOINT").at(-1) ?? "null")).toEqual(["/app/docker/entrypoint.sh"]);
  });

  it("has a HEALTHCHECK that passes only while $PORT/health answers 200", async () => {
    const argv = JSON.parse(
      /CMD (\[.*\])$/.exec(finalArgs("HEALTHCHECK").join(" "))?.[1] ?? "[]",
    ) as string[];
    expect(argv[0]).toBe("node");
    let status = 200;
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
      paths.push(req.url ?? "");
      res.writeHead(req.url === "/health" ? status : 404).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const check = (port: number) =>
      new Promise<boolean>((resolve) => {
        const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PORT: String(port) };
        execFile(process.execPath, argv.slice(1), { env, timeout: 10_000 }, (error) =>
          resolve(error === null),
        );
      });
    try {
      expect(await check(port), "200").toBe(true);
      status = 503;
      expect(await check(port), "503").toBe(false);
      expect(
        paths.every((p) => p === "/health"),
        paths.join(","),
      ).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await check(port), "nothing listening").toBe(false);
  });

  it("puts the standalone server, bundles, migrations and agent scripts under /app", () => {
    const copies = finalArgs("COPY").map((args) => args.replace(/--\S+\s+/g, "").trim());
    for (const expected of [
      "/app/node_modules ./node_modules",
      "/app/.next/standalone ./",
      "/app/.next/static ./.next/static",
      "/app/dist ./dist",
      "/app/db/migrations ./db/migrations",
      "/app/agent-scripts ./agent-scripts",
      "docker/entrypoint.sh ./docker/entrypoint.sh",
    ]) {
      expect(copies).toContain(expected);
    }
    // node_modules before the standalone output, so Next's traced files win.
    expect(copies.indexOf("/app/node_modules ./node_modules")).toBeLessThan(
      copies.indexOf("/app/.next/standalone ./"),
    );
  });
});

// ---- .dockerignore and entrypoint -------------------------------------------------------------

describe(".dockerignore", () => {
  it("keeps dependencies, build output, data and secrets out of the context", () => {
    const patterns = readText(".dockerignore")
      .split("\n")
      .map((line) => line.trim().replace(/^\/|\/$/g, ""));
    for (const required of ["node_modules", ".next", "data", ".env"])
      expect(patterns, required).toContain(required);
  });
});

describe("docker/entrypoint.sh", () => {
  const script = path.join(root, "docker/entrypoint.sh");

  it("is an executable POSIX sh script", () => {
    expect(fs.statSync(script).mode & 0o111).toBe(0o111);
    expect(readText("docker/entrypoint.sh")).toMatch(/^#!\/bin\/sh\n/);
    execFileSync("sh", ["-n", script]);
  });

  // Runs the script from a scratch app root with a stub `node` that records its arguments.
  function run(args: string[], failingNodeArgs = "") {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-entrypoint-"));
    fs.mkdirSync(path.join(app, "docker"));
    fs.mkdirSync(path.join(app, "bin"));
    fs.copyFileSync(script, path.join(app, "docker/entrypoint.sh"));
    const log = path.join(app, "calls.log");
    fs.writeFileSync(
      path.join(app, "bin/node"),
      `#!/bin/sh\n{ printf '%s|' "$(pwd)"; printf '[%s]' "$@"; echo; } >> "${log}"\n[ "$*" = "${failingNodeArgs}" ] && exit 3\nexit 0\n`,
      { mode: 0o755 },
    );
    const result = spawnSync("sh", [path.join(app, "docker/entrypoint.sh"), ...args], {
      env: { NODE_ENV: "test", PATH: `${path.join(app, "bin")}:/usr/bin:/bin` },
      encoding: "utf8",
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    fs.rmSync(app, { recursive: true, force: true });
    return {
      status: result.status,
      stdout: result.stdout,
      calls: calls.map((c) => c.replace(`${app}|`, "APP|")),
    };
  }

  it("web runs preflight, then the standalone server, from the app root", () => {
    expect(run(["web"])).toMatchObject({
      status: 0,
      calls: ["APP|[dist/cli.mjs][preflight]", "APP|[server.js]"],
    });
  });

  it("web does not serve when preflight fails", () => {
    const result = run(["web"], "dist/cli.mjs preflight");
    expect(result.status).not.toBe(0);
    expect(result.calls).toEqual(["APP|[dist/cli.mjs][preflight]"]);
  });

  it("worker, migrate, cli and other commands", () => {
    expect(run(["worker"]).calls).toEqual(["APP|[dist/worker.mjs]"]);
    expect(run(["migrate"]).calls).toEqual(["APP|[dist/cli.mjs][migrate]"]);
    expect(run(["cli", "user:create", "--username", "alice smith"]).calls).toEqual([
      "APP|[dist/cli.mjs][user:create][--username][alice smith]",
    ]);
    expect(run(["patchmon", "help"]).calls).toEqual(["APP|[dist/cli.mjs][help]"]);
    expect(run(["echo", "hello"])).toMatchObject({ stdout: "hello\n", calls: [] });
  });
});
