import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  getTableColumns,
  getTableName,
  is,
  normalizeRelation,
} from "drizzle-orm";
import { PgTable, PgTimestamp } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "./index";
import { PERMISSIONS, roles } from "./users";

const tables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable =>
  is(value, PgTable),
);
const snakeCase = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

describe("schema conventions", () => {
  it("exports every table through the barrel", () => {
    expect(tables.length).toBeGreaterThanOrEqual(32);
  });

  it("names tables and columns in snake_case", () => {
    for (const table of tables) {
      expect(getTableName(table)).toMatch(snakeCase);
      for (const column of Object.values(getTableColumns(table))) expect(column.name).toMatch(snakeCase);
    }
  });

  it("stores every timestamp with its time zone", () => {
    const naive = tables.flatMap((table) =>
      Object.values(getTableColumns(table))
        .filter((column) => is(column, PgTimestamp) && !column.withTimezone)
        .map((column) => `${getTableName(table)}.${column.name}`),
    );
    expect(naive).toEqual([]);
  });

  it("keeps PERMISSIONS in step with the roles table's flag columns", () => {
    const flags = Object.values(getTableColumns(roles))
      .map((column) => column.name)
      .filter((name) => name.startsWith("can_"));
    expect([...flags].sort()).toEqual([...PERMISSIONS].sort());
  });

  it("declares relations that resolve in both directions", () => {
    const { tables: config, tableNamesMap } = extractTablesRelationalConfig(
      schema,
      createTableRelationsHelpers,
    );
    let count = 0;
    for (const table of Object.values(config)) {
      for (const relation of Object.values(table.relations)) {
        const normalized = normalizeRelation(config, tableNamesMap, relation);
        expect(normalized.fields.length).toBeGreaterThan(0);
        count++;
      }
    }
    expect(count).toBeGreaterThan(40);
  });
});
