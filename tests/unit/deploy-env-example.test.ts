// .env.example against lib/env.ts (the source of truth for variables and defaults) and compose.yaml.
import { describe, expect, it } from "vitest";
import { knownVariables, parseEnv } from "@/lib/env";
import {
  compose,
  composeStrings,
  environment,
  example,
  interpolationRefs,
  readText,
  services,
} from "./deploy-support";

describe(".env.example", () => {
  it("defines every variable lib/env.ts reads", () => {
    const missing = knownVariables().filter((name) => !example.values.has(name));
    expect(missing, "variables read by lib/env.ts but missing from .env.example").toEqual([]);
  });

  it("defines only variables that lib/env.ts reads or compose.yaml uses", () => {
    const used = new Set([
      ...knownVariables(),
      ...composeStrings.flatMap((text) => interpolationRefs(text)).map((ref) => ref.name),
      ...Object.keys(compose["x-patchmon-environment"] ?? {}),
      ...Object.values(services).flatMap((service) => Object.keys(environment(service))),
    ]);
    const unused = [...example.values.keys()].filter((name) => !used.has(name));
    expect(unused, "variables in .env.example that nothing reads").toEqual([]);
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

  it("leaves HOSTNAME empty, so .env cannot override the image's 0.0.0.0", () => {
    // Next's standalone server treats an empty HOSTNAME as unset (0.0.0.0). A value such as localhost
    // would reach the container through `docker run --env-file .env` and make it unreachable.
    expect(example.values.get("HOSTNAME")).toBe("");
  });
});
