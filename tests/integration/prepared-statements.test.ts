// db/prepared.ts: statements used again and again run as named prepared statements (one round trip,
// parsed once per connection) and answer exactly what the unnamed statement answers.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { executeRows, getDb, getDbHandle } from "@/db/client";
import { HOT_AFTER, MAX_PARAMETERS } from "@/db/prepared";
import { useMigratedDatabase } from "../support/database";

describe("prepared statements", () => {
  useMigratedDatabase();

  it("prepares a text from its third use on, inside transactions too, with the same answers", async (ctx) => {
    if (getDbHandle().kind !== "postgres") ctx.skip(); // PGlite has no connections to prepare on
    const marker = `prepared-${randomUUID()}`;
    const query = () =>
      sql`select ${marker}::text as marker, ${42}::int as n, ${"2026-01-02T03:04:05.000Z"}::timestamptz as at,
                 ${true}::boolean as yes, null::text as nothing, array['a','b"c']::text[] as list,
                 jsonb_build_object('k', ${"v"}::text) as doc, ${"12345678901234"}::bigint as big`;
    await getDb().transaction(async (tx) => {
      const answers = [];
      const preparedAfter = [];
      for (let use = 1; use <= HOT_AFTER + 2; use++) {
        answers.push(await executeRows(tx, query()));
        const named = await executeRows<{ name: string }>(
          tx,
          sql`select name from pg_prepared_statements
              where statement like ${"%::text as marker, %"} and statement not like '%pg_prepared_statements%'`,
        );
        preparedAfter.push(named.length);
      }
      // Unnamed until the third use, then one named statement on this connection, reused.
      expect(preparedAfter.slice(0, HOT_AFTER - 1).every((count) => count === 0)).toBe(true);
      expect(preparedAfter.slice(HOT_AFTER - 1)).toEqual([1, 1, 1]);
      for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
      expect(answers[0]?.[0]).toMatchObject({ marker, n: 42, yes: true, nothing: null, list: ["a", 'b"c'] });
    });
  });

  it("leaves statements with more than MAX_PARAMETERS parameters unnamed (multi-row inserts, long IN lists)", async (ctx) => {
    if (getDbHandle().kind !== "postgres") ctx.skip();
    const values = Array.from({ length: MAX_PARAMETERS + 1 }, (_, i) => sql`${i}::int`);
    await getDb().transaction(async (tx) => {
      for (let use = 1; use <= HOT_AFTER + 1; use++)
        await executeRows(
          tx,
          sql`select many_parameters from unnest(array[${sql.join(values, sql`, `)}]) as many_parameters`,
        );
      const named = await executeRows<{ name: string }>(
        tx,
        sql`select name from pg_prepared_statements where statement like ${"%as many_parameters%"}`,
      );
      expect(named).toEqual([]);
    });
  });

  it("plans prepared statements as DB_PLAN_CACHE_MODE says (PostgreSQL's auto by default)", async (ctx) => {
    if (getDbHandle().kind !== "postgres") ctx.skip();
    const [row] = await executeRows<{ mode: string }>(
      getDb(),
      sql`select current_setting('plan_cache_mode') as mode`,
    );
    expect(row?.mode).toBe("auto");
  });
});

describe("prepared statements planned for their values (DB_PLAN_CACHE_MODE=force_custom_plan)", () => {
  useMigratedDatabase({ DB_PLAN_CACHE_MODE: "force_custom_plan" });

  it("sets the connection's plan_cache_mode", async (ctx) => {
    if (getDbHandle().kind !== "postgres") ctx.skip();
    const [row] = await executeRows<{ mode: string }>(
      getDb(),
      sql`select current_setting('plan_cache_mode') as mode`,
    );
    expect(row?.mode).toBe("force_custom_plan");
  });
});

describe("prepared statements turned off (DB_PREPARED_STATEMENTS=false)", () => {
  useMigratedDatabase({ DB_PREPARED_STATEMENTS: "false" });

  it("sends every statement unnamed", async (ctx) => {
    if (getDbHandle().kind !== "postgres") ctx.skip();
    await getDb().transaction(async (tx) => {
      for (let use = 1; use <= HOT_AFTER + 2; use++)
        await executeRows(tx, sql`select ${use}::int as turned_off_use`);
      // (postgres.js prepares its own start-up query of array types; only ours are counted.)
      const named = await executeRows<{ name: string }>(
        tx,
        sql`select name from pg_prepared_statements where statement like ${"%turned_off_use%"}`,
      );
      expect(named).toEqual([]);
    });
  });
});
