// The package and repository catalogues: rows added when a report names one the server has not seen
// (ingestion calls these before its transaction; lib/agent/catalogue-cache.ts skips known names).
import { sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import type { RepoType } from "../schema/enums";

export type CataloguePackage = { name: string; description: string | null; category: string | null };
export type ReportedRepository = {
  name: string;
  url: string;
  distribution: string;
  components: string;
  repoType: RepoType;
  isEnabled: boolean;
  isSecure: boolean;
};

/** A repository's identity in the catalogue: url, distribution, components, type. */
export const repositoryKey = (r: ReportedRepository) =>
  `${r.url}\u0001${r.distribution}\u0001${r.components}\u0001${r.repoType}`;

const NEEDS_ESCAPE = /["\\]/;

/** A PostgreSQL array literal ('{"a","b",NULL}') for one `::text[]` / `::boolean[]` parameter. */
export function arrayLiteral(values: ReadonlyArray<string | boolean | null>): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ",";
    if (value === null || value === undefined) literal += "NULL";
    else if (typeof value === "boolean") literal += value ? "t" : "f";
    else if (NEEDS_ESCAPE.test(value))
      literal += `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
    else literal += `"${value}"`;
  }
  return `${literal}}`;
}

/**
 * Adds the (name, manager) pairs missing from the catalogue. Run it outside the host's transaction:
 * it only ever adds rows, so committing it at once means another host reporting the same new
 * package waits for this one statement at most, never for a whole report. Rows go in sorted
 * order so two concurrent inserts of overlapping new names cannot deadlock.
 */
export async function addMissingPackages(
  packageManager: string,
  list: readonly CataloguePackage[],
  db: Executor = getDb(),
): Promise<void> {
  if (list.length === 0) return;
  const sorted = [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Most agents send no descriptions or categories: an empty array then, which unnest() pads with
  // NULLs, instead of thousands of NULL elements to send and parse on every report.
  const optional = (values: Array<string | null>) =>
    values.every((value) => value === null) ? "{}" : arrayLiteral(values);
  await db.execute(sql`
    insert into packages (name, package_manager, description, category)
    select t.name, ${packageManager}, t.description, t.category
    from unnest(${arrayLiteral(sorted.map((p) => p.name))}::text[],
                ${optional(sorted.map((p) => p.description))}::text[],
                ${optional(sorted.map((p) => p.category))}::text[]) as t(name, description, category)
    where not exists (select 1 from packages p where p.name = t.name and p.package_manager = ${packageManager})
    on conflict (name, package_manager) do nothing`);
}

/** Adds the repositories missing from the catalogue (keyed by url, distribution, components, type). */
export async function addMissingRepositories(
  list: readonly ReportedRepository[],
  db: Executor = getDb(),
): Promise<void> {
  if (list.length === 0) return;
  const keyed = list.map((r) => ({ r, key: repositoryKey(r) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sorted = keyed.map(({ r }) => r);
  await db.execute(sql`
    insert into repositories (name, url, distribution, components, repo_type, is_secure)
    select * from unnest(${arrayLiteral(sorted.map((r) => r.name))}::text[],
                         ${arrayLiteral(sorted.map((r) => r.url))}::text[],
                         ${arrayLiteral(sorted.map((r) => r.distribution))}::text[],
                         ${arrayLiteral(sorted.map((r) => r.components))}::text[],
                         ${arrayLiteral(sorted.map((r) => r.repoType))}::text[],
                         ${arrayLiteral(sorted.map((r) => r.isSecure))}::boolean[])
    on conflict (url, distribution, components, repo_type) do nothing`);
}
