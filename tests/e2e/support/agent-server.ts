// The second, PostgreSQL-backed server of playwright.config.ts and its CLI, which shares the
// database (an embedded-database server holds its data dir alone, so a CLI cannot run beside it).
import { spawnSync } from "node:child_process";
import { agentServerPort } from "../../../playwright.config";

export const agentDatabaseUrl = process.env.E2E_AGENT_DATABASE_URL;
export const agentBaseUrl = `http://localhost:${agentServerPort}`;

export function agentServerCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["dist/cli.mjs", ...args], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: agentDatabaseUrl,
      JWT_SECRET: "e2e-agent-server-secret-0123456789abcdef",
      SERVER_PORT: String(agentServerPort),
      PATCHMON_DATA_DIR: `${process.env.E2E_DATA_DIR ?? "./data/e2e"}-agent-cli`,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
