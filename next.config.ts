import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Native and WASM packages are loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pino", "bullmq", "ioredis"],
  outputFileTracingIncludes: {
    "/*": ["./db/migrations/**/*", "./agent-scripts/**/*"],
  },
};

export default nextConfig;
