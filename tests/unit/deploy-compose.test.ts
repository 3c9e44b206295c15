// Static checks of compose.yaml (no Docker engine here), against .env.example and lib/env.ts.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  compose,
  composeStrings,
  envFiles,
  environment,
  example,
  interpolate,
  interpolationRefs,
  pid1,
  quickStartEnv,
  runNodeCheck,
  type Service,
  service,
  services,
  words,
} from "./deploy-support";

describe("compose.yaml", () => {
  it("interpolates only variables that .env.example defines", () => {
    const referenced = new Set(
      composeStrings.flatMap((text) => interpolationRefs(text)).map((ref) => ref.name),
    );
    expect(referenced.size).toBeGreaterThan(0);
    const missing = [...referenced].filter((name) => !example.values.has(name));
    expect(missing, `variables used in compose.yaml but missing from .env.example`).toEqual([]);
  });

  // web and worker: every key is a PatchMon setting or one the image's server reads (HOSTNAME, PORT),
  // so .env.example documents it even where compose fixes the value: an operator who sets it in .env
  // then reads there that compose overrides it. database and redis: their keys configure third-party
  // images; a value taken from .env keeps its .env name (POSTGRES_USER: ${POSTGRES_USER:-...}), and
  // the check above then requires that name in .env.example. Fixed image-internal settings need none.
  it("sets in web and worker only variables that .env.example defines", () => {
    const shared = compose["x-patchmon-environment"] ?? {};
    expect(Object.keys(shared).length, "x-patchmon-environment").toBeGreaterThan(0);
    const keys = new Set([
      ...Object.keys(shared),
      ...Object.keys(environment(service("web"))),
      ...Object.keys(environment(service("worker"))),
    ]);
    const missing = [...keys].filter((name) => !example.values.has(name));
    expect(missing, "environment: keys of web/worker missing from .env.example").toEqual([]);
  });

  it("passes .env values to database and redis under their own names", () => {
    const renamed: string[] = [];
    for (const name of ["database", "redis"]) {
      for (const [key, value] of Object.entries(environment(service(name)))) {
        const refs = interpolationRefs(String(value)).map((ref) => ref.name);
        if (refs.length > 0 && !refs.includes(key)) renamed.push(`${name}: ${key}=${value}`);
      }
    }
    expect(renamed).toEqual([]);
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

  it("runs web and worker under an init, so docker stop does not wait out the grace period", () => {
    // Without one, the entrypoint's sh or node is PID 1 and the kernel drops signals it has no handler for.
    for (const name of ["web", "worker"]) expect(service(name).init, name).toBe(true);
  });

  it("points web and worker at the bundled PostgreSQL and Redis", () => {
    for (const name of ["web", "worker"]) {
      const env = environment(service(name));
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
    expect(environment(service("database")).POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
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

  it("has a worker healthcheck that recognises the worker role with and without an init", async () => {
    const test = service("worker").healthcheck?.test;
    expect(Array.isArray(test) && test[0], "exec form").toBe("CMD");
    const argv = Array.isArray(test) ? test.slice(1) : [];
    // It makes no HTTP request, so the port does not matter.
    for (const running of [pid1.worker, pid1.workerStarting, pid1.workerWithInit])
      expect(await runNodeCheck(argv, running, 3000), running.join(" ")).toBe(true);
    for (const running of [pid1.web, pid1.webPreflight, pid1.webWithInit])
      expect(await runNodeCheck(argv, running, 3000), running.join(" ")).toBe(false);
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
      for (const [key, value] of Object.entries(environment(service(name)))) {
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
