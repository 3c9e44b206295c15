// Structured logs (pino). Secrets never reach a log line: sensitive keys are replaced at any depth,
// and strings are scrubbed of API keys, bearer tokens and URL passwords before they are written.
import path from "node:path";
import pino, { type DestinationStream, type Logger } from "pino";
import { getEnv } from "./env";

const SENSITIVE_KEY =
  /pass(word|wd)?|secret|token|api[-_]?key|authorization|cookie|hash|private[-_]?key|credential|^key$/i;
const REDACTED = "[redacted]";

/** Replaces values that look like credentials inside free text. */
export function scrubText(text: string): string {
  return (
    text
      // 32+ hex digits: agent API keys (64), session secrets (`openssl rand -hex 64`: 128), tokens.
      .replace(/\b[a-f0-9]{32,}\b/gi, REDACTED)
      .replace(/(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`)
      .replace(/(\/\/[^:/@\s]*):[^@\s/]+@/g, `$1:${REDACTED}@`)
      .replace(
        /((?:passw(?:or)?d|secret|token|x-api-key|api[-_ ]?key)\s*[=:]\s*)[^\s&,;"']+/gi,
        `$1${REDACTED}`,
      )
  );
}

/** Redacts `"sensitiveKey":"value"` pairs and credential-looking text in a serialized JSON line. */
export function scrubSerializedLine(line: string): string {
  const pairs = line.replace(/"([^"\\]+)":"((?:[^"\\]|\\.)*)"/g, (pair, key: string) =>
    SENSITIVE_KEY.test(key) ? `"${key}":"${REDACTED}"` : pair,
  );
  return scrubText(pairs);
}

/** Deep copy of a log object with sensitive keys redacted and strings scrubbed. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[truncated]";
  if (typeof value === "string") return scrubText(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        SENSITIVE_KEY.test(key) && item !== null && item !== undefined ? REDACTED : redact(item, depth + 1);
    }
    return out;
  }
  return value;
}

export type LoggerOptions = { level: string; destination?: DestinationStream; name?: string };

export function createLogger({ level, destination, name }: LoggerOptions): Logger {
  return pino(
    {
      level,
      name,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => redact(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // pino would take an Error's message verbatim as the log message: scrub it first.
          const cleaned =
            first instanceof Error
              ? [
                  { err: redact(first) },
                  scrubText(typeof rest[0] === "string" ? rest[0] : first.message),
                  ...rest.slice(1),
                ]
              : (args as unknown[]).map((arg, index) =>
                  // Later arguments are interpolated into the message (%s, %o, %j): clean them too.
                  typeof arg === "string" ? scrubText(arg) : index > 0 ? redact(arg) : arg,
                );
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
        // Last line of defence, on the serialized line: child-logger bindings never pass through
        // the formatters above.
        streamWrite: (line) => scrubSerializedLine(line),
      },
    },
    destination,
  );
}

let consoleFd: 1 | 2 = 1;

/** The CLI keeps stdout for its own output: console logs go to stderr instead. */
export function sendConsoleLogsToStderr(): void {
  consoleFd = 2;
}

function defaultDestination(): DestinationStream {
  const env = getEnv();
  if (env.logging.toConsole) return pino.destination({ dest: consoleFd, sync: false });
  // PM_LOG_TO_CONSOLE=false (the default): everything to a file in the data directory, and
  // warnings and errors also to stderr so that an operator still sees them.
  const file = pino.destination({
    dest: path.join(/* turbopackIgnore: true */ env.dataDir, "logs", "patchmon.log"),
    mode: 0o600,
    mkdir: true,
    sync: false,
  });
  return pino.multistream([
    { level: "trace", stream: file },
    { level: "warn", stream: pino.destination({ dest: 2, sync: false }) },
  ]);
}

let rootLogger: Logger | undefined;

export function getLogger(component?: string): Logger {
  if (!rootLogger) {
    const env = getEnv();
    rootLogger = createLogger({
      level: env.logging.enabled ? env.logging.level : "silent",
      destination: defaultDestination(),
      name: "patchmon",
    });
  }
  return component ? rootLogger.child({ component }) : rootLogger;
}

/** Whether HTTP requests are logged: only in development, and only when PM_LOG_REQUESTS_IN_DEV is on. */
export function shouldLogRequests(): boolean {
  const env = getEnv();
  return env.nodeEnv === "development" && env.logging.requestsInDev;
}

/** Forgets the root logger, so the next getLogger() reads the configuration again (tests). */
export function resetLogger(): void {
  rootLogger?.flush();
  rootLogger = undefined;
}
