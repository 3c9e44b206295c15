// The only reader of process.env. Web, worker and CLI parse the environment once through here;
// an invalid value stops start-up with one line per problem (see exitOnInvalidEnv).
import path from "node:path";
// CommonJS package: a default import works under Node ESM, tsx and bundlers alike.
import nextEnv from "@next/env";
import { ensurePrivateDirectory } from "./config/data-dir";
import { EnvReader, type EnvSource } from "./config/reader";
import { loadOrCreateSecret } from "./config/secret-file";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function read(r: EnvReader) {
  const databaseUrl = r.url("DATABASE_URL", ["postgres:", "postgresql:"], { allowNoHost: true });
  const zeroConfig = r.raw("DATABASE_URL") === undefined;
  const redisUrl = r.url("REDIS_URL", ["redis:", "rediss:"]);
  const redisHost = r.string("REDIS_HOST");
  const oidcEnabled = r.boolean("OIDC_ENABLED", false);
  const serverProtocol = r.oneOf("SERVER_PROTOCOL", ["http", "https"], "http");
  const serverHost = r.string("SERVER_HOST", "localhost");
  const serverPort = r.integer("SERVER_PORT", 3000, 1, 65535);
  const trustProxyRaw = r.raw("TRUST_PROXY");

  return {
    nodeEnv: r.oneOf("NODE_ENV", ["development", "production", "test"], "production"),
    port: r.integer("PORT", 3000, 1, 65535),
    dataDir: path.resolve(r.string("PATCHMON_DATA_DIR", "./data")),
    zeroConfig,
    database: {
      url: databaseUrl,
      connMaxAttempts: r.integer("PM_DB_CONN_MAX_ATTEMPTS", 30, 1),
      connWaitIntervalSeconds: r.integer("PM_DB_CONN_WAIT_INTERVAL", 2, 0),
      connectionLimit: r.integer("DB_CONNECTION_LIMIT", 30, 1, 10_000),
      poolTimeoutSeconds: r.integer("DB_POOL_TIMEOUT", 20, 1),
      connectTimeoutSeconds: r.integer("DB_CONNECT_TIMEOUT", 10, 1),
      idleTimeoutSeconds: r.integer("DB_IDLE_TIMEOUT", 300, 0),
      maxLifetimeSeconds: r.integer("DB_MAX_LIFETIME", 1800, 0),
      preparedStatements: r.boolean("DB_PREPARED_STATEMENTS", true),
      planCacheMode: r.oneOf("DB_PLAN_CACHE_MODE", ["auto", "force_custom_plan"], "auto"),
      transactionMaxWaitMs: r.integer("DB_TRANSACTION_MAX_WAIT", 10_000, 1),
      transactionTimeoutMs: r.integer("DB_TRANSACTION_TIMEOUT", 30_000, 1),
      transactionLongTimeoutMs: r.integer("DB_TRANSACTION_LONG_TIMEOUT", 60_000, 1),
      logQueries: r.boolean("PRISMA_LOG_QUERIES", false),
    },
    auth: {
      jwtSecret: r.secret("JWT_SECRET", 32),
      jwtExpiresInMs: r.duration("JWT_EXPIRES_IN", "1h"),
      jwtRefreshExpiresInMs: r.duration("JWT_REFRESH_EXPIRES_IN", "7d"),
      sessionInactivityTimeoutMinutes: r.integer("SESSION_INACTIVITY_TIMEOUT_MINUTES", 30, 1),
      defaultUserRole: r.string("DEFAULT_USER_ROLE", "user"),
    },
    password: {
      minLength: r.integer("PASSWORD_MIN_LENGTH", 8, 1, 256),
      requireUppercase: r.boolean("PASSWORD_REQUIRE_UPPERCASE", true),
      requireLowercase: r.boolean("PASSWORD_REQUIRE_LOWERCASE", true),
      requireNumber: r.boolean("PASSWORD_REQUIRE_NUMBER", true),
      requireSpecial: r.boolean("PASSWORD_REQUIRE_SPECIAL", true),
      rateLimitWindowMs: r.integer("PASSWORD_RATE_LIMIT_WINDOW_MS", 900_000, 1000),
      rateLimitMax: r.integer("PASSWORD_RATE_LIMIT_MAX", 5, 1),
    },
    lockout: {
      maxLoginAttempts: r.integer("MAX_LOGIN_ATTEMPTS", 5, 1),
      durationMinutes: r.integer("LOCKOUT_DURATION_MINUTES", 15, 1),
    },
    tfa: {
      maxAttempts: r.integer("MAX_TFA_ATTEMPTS", 5, 1),
      lockoutDurationMinutes: r.integer("TFA_LOCKOUT_DURATION_MINUTES", 30, 1),
      rememberMeExpiresInMs: r.duration("TFA_REMEMBER_ME_EXPIRES_IN", "30d"),
      maxRememberSessions: r.integer("TFA_MAX_REMEMBER_SESSIONS", 5, 1),
      suspiciousActivityThreshold: r.integer("TFA_SUSPICIOUS_ACTIVITY_THRESHOLD", 3, 1),
    },
    oidc: {
      enabled: oidcEnabled,
      issuerUrl: r.url("OIDC_ISSUER_URL", ["http:", "https:"]),
      clientId: r.string("OIDC_CLIENT_ID"),
      clientSecret: r.secret("OIDC_CLIENT_SECRET"),
      redirectUri: r.url("OIDC_REDIRECT_URI", ["http:", "https:"]),
      scopes: r.string("OIDC_SCOPES", "openid email profile groups"),
      autoCreateUsers: r.boolean("OIDC_AUTO_CREATE_USERS", true),
      defaultRole: r.string("OIDC_DEFAULT_ROLE", "user"),
      disableLocalAuth: r.boolean("OIDC_DISABLE_LOCAL_AUTH", false),
      buttonText: r.string("OIDC_BUTTON_TEXT", "Login with SSO"),
      superadminGroup: r.string("OIDC_SUPERADMIN_GROUP"),
      adminGroup: r.string("OIDC_ADMIN_GROUP"),
      hostManagerGroup: r.string("OIDC_HOST_MANAGER_GROUP"),
      userGroup: r.string("OIDC_USER_GROUP"),
      readonlyGroup: r.string("OIDC_READONLY_GROUP"),
      syncRoles: r.boolean("OIDC_SYNC_ROLES", true),
      trustIdpMfa: r.boolean("OIDC_TRUST_IDP_MFA", true),
    },
    server: {
      protocol: serverProtocol,
      host: serverHost,
      port: serverPort,
      corsOrigin: r.url("CORS_ORIGIN", ["http:", "https:"]) ?? "http://localhost:3000",
      corsOrigins: r.urlList("CORS_ORIGINS"),
      enableHsts: r.boolean("ENABLE_HSTS", true),
      trustProxy:
        trustProxyRaw !== undefined && /^\d+$/.test(trustProxyRaw)
          ? Number(trustProxyRaw)
          : r.boolean("TRUST_PROXY", true),
    },
    rateLimit: {
      windowMs: r.integer("RATE_LIMIT_WINDOW_MS", 900_000, 1000),
      max: r.integer("RATE_LIMIT_MAX", 5000, 1),
      authWindowMs: r.integer("AUTH_RATE_LIMIT_WINDOW_MS", 600_000, 1000),
      authMax: r.integer("AUTH_RATE_LIMIT_MAX", 500, 1),
      agentWindowMs: r.integer("AGENT_RATE_LIMIT_WINDOW_MS", 60_000, 1000),
      agentMax: r.integer("AGENT_RATE_LIMIT_MAX", 1000, 1),
    },
    redis: {
      enabled: redisUrl !== undefined || redisHost !== undefined,
      url: redisUrl,
      host: redisHost ?? "localhost",
      port: r.integer("REDIS_PORT", 6379, 1, 65535),
      user: r.string("REDIS_USER"),
      password: r.secret("REDIS_PASSWORD"),
      db: r.integer("REDIS_DB", 0, 0, 15),
      // Namespace of every queue key, so that several PatchMon installations can share one Redis.
      keyPrefix: r.string("REDIS_KEY_PREFIX", "patchmon"),
    },
    logging: {
      level: r.oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
      enabled: r.boolean("ENABLE_LOGGING", true),
      toConsole: r.boolean("PM_LOG_TO_CONSOLE", false),
      requestsInDev: r.boolean("PM_LOG_REQUESTS_IN_DEV", false),
    },
    timezone: r.string("TZ", "UTC"),
    bodyLimits: {
      jsonBytes: r.size("JSON_BODY_LIMIT", "5mb"),
      agentUpdateBytes: r.size("AGENT_UPDATE_BODY_LIMIT", "2mb"),
    },
    encryption: {
      aiEncryptionKey: r.secret("AI_ENCRYPTION_KEY"),
      sessionSecret: r.secret("SESSION_SECRET"),
    },
  };
}

function checkCombinations(r: EnvReader, env: ReturnType<typeof read>): void {
  if (!env.zeroConfig && env.auth.jwtSecret === undefined && r.raw("JWT_SECRET") === undefined) {
    r.problem(
      "JWT_SECRET",
      undefined,
      "a secret of at least 32 characters when DATABASE_URL is set (openssl rand -hex 64)",
    );
  }
  if (env.oidc.enabled) {
    for (const name of ["OIDC_ISSUER_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) {
      if (r.raw(name) === undefined) r.problem(name, undefined, "a value because OIDC_ENABLED=true");
    }
  }
  if (!/^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])$/.test(env.server.host)) {
    r.problem(
      "SERVER_HOST",
      env.server.host,
      "a host name or IP address such as patchmon.example.com (no scheme, port or path)",
    );
  }
  try {
    new Intl.DateTimeFormat("en", { timeZone: env.timezone });
  } catch {
    r.problem("TZ", env.timezone, "an IANA time zone such as UTC or Europe/London");
  }
}

export type Env = ReturnType<typeof read> & {
  /** The secret that signs sessions: JWT_SECRET, or in zero-config mode one kept in the data dir. */
  sessionSecret: string;
  /** The public URL agents and browsers use to reach this server. */
  serverUrl: string;
};

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Parses an environment without side effects (the zero-config secret is resolved by getEnv). */
export function parseEnv(source: EnvSource): EnvResult {
  const reader = new EnvReader(source);
  const values = read(reader);
  checkCombinations(reader, values);
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };
  const defaultPort = values.server.protocol === "https" ? 443 : 80;
  const portPart = values.server.port === defaultPort ? "" : `:${values.server.port}`;
  return {
    ok: true,
    env: {
      ...values,
      sessionSecret: values.auth.jwtSecret ?? "",
      serverUrl: `${values.server.protocol}://${values.server.host}${portPart}`,
    },
  };
}

/** Every variable name the configuration reads, for docs and the .env.example check. */
export function knownVariables(): string[] {
  const reader = new EnvReader({});
  checkCombinations(reader, read(reader));
  return [...reader.names, "REDIS_URL", "PATCHMON_DATA_DIR"].filter((v, i, all) => all.indexOf(v) === i);
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

let cached: Env | undefined;

/**
 * Loads .env files from the working directory the way Next's server does (variables already set
 * win), so that the CLI, the worker and `npm start`'s preflight see the same settings as the web
 * server when an operator configures PatchMon through a .env file.
 */
function loadDotEnvFiles(): void {
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV === "development", {
    info: () => {},
    error: (...args: unknown[]) => console.error(...args),
  });
}

/** The validated configuration of this process. Throws EnvError when the environment is invalid. */
export function getEnv(): Env {
  if (cached) return cached;
  loadDotEnvFiles();
  const result = parseEnv(process.env);
  if (!result.ok) throw new EnvError(result.problems);
  const env = result.env;
  ensurePrivateDirectory(env.dataDir);
  if (env.zeroConfig && env.auth.jwtSecret === undefined) {
    env.sessionSecret = loadOrCreateSecret(
      path.join(/* turbopackIgnore: true */ env.dataDir, "session-secret"),
    );
  }
  cached = env;
  return env;
}

/** For entrypoints: validates the environment or prints each problem and exits non-zero. */
export function exitOnInvalidEnv(processName: string): Env {
  try {
    return getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`PatchMon ${processName}: invalid configuration, not starting.\n`);
    for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
    process.exit(1);
  }
}

/** Tests change process.env between cases; this forgets the cached parse. */
export function resetEnvCache(): void {
  cached = undefined;
}
