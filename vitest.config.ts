import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Modules marked server-only throw outside Next; tests import them directly.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: [
            "lib/**/*.test.ts",
            "db/**/*.test.ts",
            "workers/**/*.test.ts",
            "cli/**/*.test.ts",
            "agent-scripts/**/*.test.ts",
            "tests/unit/**/*.test.ts",
          ],
          // Some unit tests start short-lived processes (the agent under sh, the image's health
          // check against stubs): on a busy 2-core machine 5 s is not always enough.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          // next-auth imports "next/server" without an extension, which only a bundler resolves.
          server: { deps: { inline: ["next-auth"] } },
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts"],
          // Multi-process tests start tsx children; a busy 2-core machine needs room.
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Files share one PostgreSQL database and one Redis; run them one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
