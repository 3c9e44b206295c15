// Static checks of the image (no Docker engine here): Dockerfile, .dockerignore, and runs of
// docker/entrypoint.sh and of the HEALTHCHECK against stubs.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  entrypoint,
  parseDockerfile,
  pid1,
  readText,
  root,
  runNodeCheck,
  type Stage,
  stubApp,
  until,
} from "./deploy-support";

const dockerfile = readText("Dockerfile");
const stages = parseDockerfile(dockerfile);
const final = stages.at(-1) as Stage;
const finalArgs = (keyword: string) =>
  final.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const ignored = readText(".dockerignore")
  .split("\n")
  .map((line) => line.trim().replace(/^\/|\/$/g, ""));

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

  it("recommends docker run --init in its usage lines", () => {
    expect(dockerfile).toMatch(/^#\s+docker run .*--init /m);
  });

  it("has a HEALTHCHECK: $PORT/health answers 200 for web, the worker role with or without an init", async () => {
    const argv = JSON.parse(
      /CMD (\[.*\])$/.exec(finalArgs("HEALTHCHECK").join(" "))?.[1] ?? "[]",
    ) as string[];
    let status = 200;
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
      paths.push(req.url ?? "");
      res.writeHead(req.url === "/health" ? status : 404).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const webs = [pid1.web, pid1.webPreflight, pid1.webWithInit];
    const workers = [pid1.worker, pid1.workerStarting, pid1.workerWithInit];
    try {
      for (const running of webs) expect(await runNodeCheck(argv, running, port), "200").toBe(true);
      status = 503;
      for (const running of webs) expect(await runNodeCheck(argv, running, port), "503").toBe(false);
      expect(paths, "one request per web check").toHaveLength(2 * webs.length);
      expect(
        paths.every((p) => p === "/health"),
        paths.join(","),
      ).toBe(true);
      for (const running of workers)
        expect(await runNodeCheck(argv, running, port), running.join(" ")).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await runNodeCheck(argv, pid1.web, port), "nothing listening").toBe(false);
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

describe(".dockerignore", () => {
  it("keeps dependencies, build output, data and secrets out of the context", () => {
    for (const required of ["node_modules", ".next", "data", ".env"])
      expect(ignored, required).toContain(required);
  });
});

describe("docker/entrypoint.sh", () => {
  it("is an executable POSIX sh script", () => {
    expect(fs.statSync(entrypoint).mode & 0o111).toBe(0o111);
    expect(readText("docker/entrypoint.sh")).toMatch(/^#!\/bin\/sh\n/);
    execFileSync("sh", ["-n", entrypoint]);
  });

  // Runs the script from a scratch app root with a stub `node` that records its arguments.
  function run(args: string[], failing = "") {
    const app = stubApp({ failing });
    const result = spawnSync("sh", [app.script, ...args], { env: app.env, encoding: "utf8" });
    const calls = app.calls();
    app.remove();
    return { status: result.status, stdout: result.stdout, calls };
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

  // SIGTERM while preflight waits for the database: the shell passes it on and exits at once.
  // `asPid1` runs the shell as PID 1 of a new PID namespace (unshare), where sh drops every signal
  // it does not trap, as in `docker run` without --init.
  async function stopDuringPreflight(asPid1: boolean) {
    const app = stubApp({ hanging: "dist/cli.mjs preflight" });
    const argv = ["sh", app.script, "web"];
    const child = asPid1
      ? spawn("unshare", ["--user", "--map-root-user", "--pid", "--fork", ...argv], { env: app.env })
      : spawn(argv[0] ?? "sh", argv.slice(1), { env: app.env });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      expect(await until(() => app.calls().length > 0), "preflight started").toBe(true);
      // Let the shell note preflight's pid after starting it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      // unshare --fork runs the shell as its child; signal the shell itself.
      const childrenFile = `/proc/${child.pid}/task/${child.pid}/children`;
      const shell = asPid1 ? Number(fs.readFileSync(childrenFile, "utf8").trim()) : (child.pid ?? 0);
      const start = Date.now();
      process.kill(shell, "SIGTERM");
      const code = await exited;
      return { code, ms: Date.now() - start, calls: app.calls() };
    } finally {
      child.kill("SIGKILL");
      app.remove();
    }
  }

  const stopped = {
    code: 143,
    calls: ["APP|[dist/cli.mjs][preflight]", "terminated"],
  };

  it("web stops preflight on SIGTERM and does not serve", async () => {
    const result = await stopDuringPreflight(false);
    expect(result).toMatchObject(stopped);
    expect(result.ms).toBeLessThan(5000);
  }, 15_000);

  const canUnshare =
    spawnSync("unshare", ["--user", "--map-root-user", "--pid", "--fork", "true"]).status === 0;
  it.skipIf(!canUnshare)(
    "web stops preflight on SIGTERM as PID 1 (no init)",
    async () => {
      const result = await stopDuringPreflight(true);
      expect(result).toMatchObject(stopped);
      expect(result.ms).toBeLessThan(5000);
    },
    15_000,
  );
});
