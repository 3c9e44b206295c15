// Server-side prepared statements for the statements this process sends over and over.
//
// drizzle sends every statement unnamed, and postgres.js then needs two round trips for each one
// with parameters (Parse + Describe, wait for the parameter types, then Bind + Execute) while
// PostgreSQL parses and analyses the text every time. A named prepared statement takes one round
// trip and is parsed once per connection. postgres.js keeps a connection's prepared statements
// until the connection closes (DB_MAX_LIFETIME), so preparing every text would let statements whose
// text varies (IN lists, multi-row inserts, optional columns) pile up on both sides. Hence: a text
// with at most MAX_PARAMETERS parameters is prepared from its HOT_AFTER-th use on, and at most
// MAX_PREPARED texts per process ever are; everything else stays unnamed, as drizzle sends it.
// Plans: with DB_PLAN_CACHE_MODE=auto (the default, PostgreSQL's own) a prepared statement gets a
// generic plan after five executions if that plan is estimated to cost no more than the ones made
// for the values, and is not planned again; force_custom_plan plans it for its values every time,
// exactly like an unnamed statement. A prepared statement
// keeps the column types it was parsed with: a migration that changes a column's type needs the
// running processes restarted (adding columns or tables does not).
import type postgres from "postgres";

/** Uses of a text before it is prepared: one-off statements never are. */
export const HOT_AFTER = 3;
/** Distinct texts prepared per process, at most (so per connection too). */
export const MAX_PREPARED = 256;
/** Texts whose uses are being counted, at most; the count starts over beyond it. */
const MAX_COUNTED = 2_000;
/** Statements with more parameters are left unnamed: those are multi-row inserts and long IN lists. */
export const MAX_PARAMETERS = 64;
/**
 * Statements that carry whole lists as array parameters (ingestion's `unnest(...)`) are left unnamed
 * too: a report of 20 rows and one of 2,000 need different plans, and a generic plan cannot know.
 */
const LIST_STATEMENT = /\bunnest\(/i;

export class PreparePolicy {
  private readonly prepared = new Set<string>();
  private readonly uses = new Map<string, number>();

  constructor(
    private readonly hotAfter = HOT_AFTER,
    private readonly maxPrepared = MAX_PREPARED,
  ) {}

  /** Whether this use of `text` runs as a prepared statement. */
  shouldPrepare(text: string): boolean {
    if (this.prepared.has(text)) return true;
    if (LIST_STATEMENT.test(text)) return false;
    if (this.prepared.size >= this.maxPrepared) return false;
    const uses = (this.uses.get(text) ?? 0) + 1;
    if (uses < this.hotAfter) {
      if (this.uses.size >= MAX_COUNTED) this.uses.clear();
      this.uses.set(text, uses);
      return false;
    }
    this.uses.delete(text);
    this.prepared.add(text);
    return true;
  }

  get preparedCount(): number {
    return this.prepared.size;
  }
}

type UnsafeOptions = { prepare?: boolean } & Record<string, unknown>;
type Unsafe = (text: string, params?: unknown[], options?: UnsafeOptions) => unknown;
type Scoped = (callback: (client: postgres.Sql) => unknown) => unknown;

/**
 * The postgres.js client drizzle is given: the same client, except that `unsafe` (drizzle's way to
 * run everything) prepares the texts the policy names, also inside transactions and savepoints.
 */
export function preparingClient<T extends postgres.Sql>(client: T, policy: PreparePolicy): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        const unsafe = value as Unsafe;
        return (...args: Parameters<Unsafe>) => {
          const [text, params, options] = args;
          // unsafe(text, options) is postgres.js's two-argument form: passed on untouched.
          const preparable =
            args.length === 3 &&
            Array.isArray(params) &&
            params.length > 0 &&
            params.length <= MAX_PARAMETERS &&
            options?.prepare !== true;
          return preparable && policy.shouldPrepare(text)
            ? unsafe.call(target, text, params, { ...options, prepare: true })
            : unsafe.apply(target, args);
        };
      }
      if (property === "begin" || property === "savepoint") {
        const scoped = value as (...args: unknown[]) => unknown;
        // begin([options,] callback) and savepoint([name,] callback): wrap the callback's client.
        return (...args: unknown[]) =>
          scoped.apply(
            target,
            args.map((arg) =>
              typeof arg === "function"
                ? (inner: postgres.Sql) => (arg as Parameters<Scoped>[0])(preparingClient(inner, policy))
                : arg,
            ),
          );
      }
      return value;
    },
  });
}
