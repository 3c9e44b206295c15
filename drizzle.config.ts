import { defineConfig } from "drizzle-kit";

// Generation only needs the schema; `npm run patchmon -- migrate` applies migrations at run time.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
