// The operator CLI: `npm run patchmon -- <command>`, or `patchmon <command>` inside the container.
import { parseArgs } from "node:util";
import { closeDb, prepareDatabase } from "@/db/migrate";
import { exitOnInvalidEnv } from "@/lib/env";
import { sendConsoleLogsToStderr } from "@/lib/logger";
import { closeQueueDriver } from "@/lib/queue";
import { CliError } from "./prompt";
import { jobRun, settingsShow } from "./system";
import { userCreate, userResetPassword, userUnlock } from "./users";

const HELP = `PatchMon CLI

Usage: npm run patchmon -- <command> [options]

Commands:
  migrate                          wait for the database and apply pending migrations
  preflight                        validate configuration, wait for the database, migrate (run before serving)
  user:create --username U --email E --role R [--first-name F] [--last-name L] [--password P]
                                   create a user (prompts for the password, or reads it from stdin)
  user:reset-password <username>   set a new password (prompted) and clear any lockout
  user:unlock <username>           clear a login or TFA lockout
  settings:show [--json]           print the server settings
  job:run <job-name>               run a background job now (queued to the worker when Redis is configured)
  help                             show this help

Passing --password on the command line leaves it in your shell history; prefer the prompt or stdin.`;

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      "first-name": { type: "string" },
      "last-name": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, argument] = positionals;
  if (!command || command === "help" || values.help) {
    console.log(HELP);
    return;
  }
  const known = [
    "migrate",
    "preflight",
    "user:create",
    "user:reset-password",
    "user:unlock",
    "settings:show",
    "job:run",
  ];
  if (!known.includes(command))
    throw new CliError(`unknown command "${command}" (see: npm run patchmon -- help)`);

  const env = exitOnInvalidEnv("cli");
  const migration = await prepareDatabase();
  switch (command) {
    case "migrate":
    case "preflight":
      console.log(
        `Database ${env.database.url ? "PostgreSQL" : `embedded (PGlite in ${env.dataDir})`}: ` +
          `${migration.applied} migration(s) applied, ${migration.total} in total. ` +
          `Jobs: ${env.redis.enabled ? "BullMQ on Redis (run the worker)" : "in the web process (no Redis configured)"}.`,
      );
      return;
    case "user:create":
      return userCreate({
        username: values.username,
        email: values.email,
        role: values.role,
        password: values.password,
        firstName: values["first-name"],
        lastName: values["last-name"],
      });
    case "user:reset-password":
      return userResetPassword(argument, values.password);
    case "user:unlock":
      return userUnlock(argument);
    case "settings:show":
      return settingsShow(Boolean(values.json));
    case "job:run":
      return jobRun(argument);
  }
}

async function main(): Promise<void> {
  sendConsoleLogsToStderr();
  let code = 0;
  try {
    await run(process.argv.slice(2));
  } catch (error) {
    code = 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `patchmon: ${error instanceof CliError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? "" : "error: "}${message}\n`,
    );
  } finally {
    await closeQueueDriver().catch(() => {});
    await closeDb().catch(() => {});
  }
  process.exit(code);
}

void main();
