// The operator CLI: `npm run patchmon -- <command>`, or `patchmon <command>` inside the container.
import { parseArgs } from "node:util";
import { closeDb, prepareDatabase } from "@/db/migrate";
import { exitOnInvalidEnv } from "@/lib/env";
import { sendConsoleLogsToStderr } from "@/lib/logger";
import { closeQueueDriver } from "@/lib/queue";
import { enrolmentCreate, enrolmentDisable, enrolmentList } from "./enrolment";
import { hostCommand, hostCreate, hostDelete, hostInstall, hostList, hostRegenerate } from "./hosts";
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
  host:create --name N [--group G ...]
                                   create a host; prints its API id and key once and an install command
  host:list [--json]               list hosts
  host:install <apiId>             print an install command with a fresh one-time token (valid 5 minutes)
  host:regenerate <apiId>          replace a host's API key (the old one stops working)
  host:delete <apiId>              delete a host and everything it reported
  host:command <apiId> report_now|update_agent
                                   queue a command, delivered on the agent's next check-in
  enrolment:create --name N [--max-per-day 100] [--allow CIDR ...] [--expires 30d] [--group G ...]
                                   create an auto-enrolment token; prints key and secret once
  enrolment:list [--json]          list auto-enrolment tokens
  enrolment:disable <key>          disable an auto-enrolment token
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
      name: { type: "string" },
      group: { type: "string", multiple: true },
      "max-per-day": { type: "string" },
      allow: { type: "string", multiple: true },
      expires: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, argument, second] = positionals;
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
    "host:create",
    "host:list",
    "host:install",
    "host:regenerate",
    "host:delete",
    "host:command",
    "enrolment:create",
    "enrolment:list",
    "enrolment:disable",
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
    case "host:create":
      return hostCreate({ name: values.name, groups: values.group });
    case "host:list":
      return hostList(Boolean(values.json));
    case "host:install":
      return hostInstall(argument);
    case "host:regenerate":
      return hostRegenerate(argument);
    case "host:delete":
      return hostDelete(argument);
    case "host:command":
      return hostCommand(argument, second);
    case "enrolment:create":
      return enrolmentCreate({
        name: values.name,
        maxPerDay: values["max-per-day"],
        allow: values.allow,
        expires: values.expires,
        groups: values.group,
      });
    case "enrolment:list":
      return enrolmentList(Boolean(values.json));
    case "enrolment:disable":
      return enrolmentDisable(argument);
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
