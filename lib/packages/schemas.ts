// URL parameters of the Packages pages and exports, shared by the pages and the API routes.
import { z } from "zod";
import { PACKAGE_SORTS } from "@/db/queries/packages";

export const MAX_PAGE_SIZE = 100;

const emptyAsUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
/** A yes/no filter in a URL: "1"/"true" on, anything else (or absent) off. */
const flag = z
  .preprocess((value) => value === "1" || value === "true" || value === true, z.boolean())
  .optional();
const id = z.preprocess(emptyAsUndefined, z.uuid("must be a valid id").optional());
const page = z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(1));
const pageSize = z.preprocess(
  emptyAsUndefined,
  z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
);

export const packageFilterSchema = z.object({
  search: z.preprocess(emptyAsUndefined, z.string().trim().max(200).optional()),
  pm: z.preprocess(emptyAsUndefined, z.string().trim().max(32).optional()),
  updates: flag,
  security: flag,
  host: id,
  group: id,
});

export const listPackagesSchema = packageFilterSchema.extend({
  sort: z.preprocess(emptyAsUndefined, z.enum(PACKAGE_SORTS).default("name")),
  order: z.preprocess(emptyAsUndefined, z.enum(["asc", "desc"]).default("asc")),
  page,
  pageSize,
});
export type ListPackagesInput = z.input<typeof listPackagesSchema>;
export type ListPackagesQuery = z.output<typeof listPackagesSchema>;

export const packageHostsSchema = z.object({
  updates: flag,
  security: flag,
  page,
  pageSize,
});
export type PackageHostsInput = z.input<typeof packageHostsSchema>;

/**
 * For pages: a malformed parameter (a hand-edited URL) is dropped rather than failing the page;
 * the API routes parse strictly instead.
 */
export function lenientParse<S extends z.ZodObject>(
  schema: S,
  raw: Record<string, string | string[] | undefined>,
): z.output<S> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) values[key] = Array.isArray(value) ? value[0] : value;
  for (let attempt = 0; attempt < 8; attempt++) {
    const result = schema.safeParse(values);
    if (result.success) return result.data;
    for (const issue of result.error.issues) delete values[String(issue.path[0])];
  }
  return schema.parse({});
}
