import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // The container image runs the standalone server; `npm start` runs `next start`, which warns
  // when standalone output is configured. Build-time switch, set by the Dockerfile's build stage.
  output: process.env.PATCHMON_STANDALONE_BUILD === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 when a signed-in user lacks a permission.
  // Server actions: branding uploads are up to 1 MB plus multipart overhead; a little more gets
  // through so an oversized image is refused with a readable message rather than a dropped request.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "3mb" } },
  // On every response, static files included (proxy.ts adds the CSP and HSTS where it runs).
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
  // Native and WASM packages are loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pino", "bullmq", "ioredis"],
  // The data dir (embedded database, generated secret, logs) must never be copied into a build:
  // every path built from env.dataDir carries a `/* turbopackIgnore: true */` comment so that file
  // tracing does not follow it (route-level tracing excludes do not cover instrumentation or proxy).
  outputFileTracingIncludes: {
    "/*": ["./db/migrations/**/*", "./agent-scripts/**/*"],
  },
};

export default nextConfig;
