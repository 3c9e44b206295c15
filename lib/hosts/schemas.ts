// Input rules for hosts, shared by the CLI, the /api/v1/hosts routes and the Hosts page.
import { z } from "zod";
import { HOST_LIST_STATUSES, HOST_SORTS } from "@/db/queries/host-admin";
import { hostGroupIdsSchema } from "@/lib/users/schemas";

export const friendlyNameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(255, "must be at most 255 characters")
  .refine((value) => !/\p{Cc}/u.test(value), "must not contain control characters");

export const createHostSchema = z.object({
  friendlyName: friendlyNameSchema,
  groupIds: hostGroupIdsSchema,
});
/** What callers pass; parsed with createHostSchema (groups may be left out: no group). */
export type CreateHostInput = { friendlyName: string; groupIds?: readonly string[] };

export const MAX_PAGE_SIZE = 100;

const emptyAsUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
/** A yes/no filter in a URL: "1"/"true" on, anything else (or absent) off. */
const flag = z
  .preprocess((value) => value === "1" || value === "true" || value === true, z.boolean())
  .optional();

export const listHostsSchema = z.object({
  search: z.preprocess(emptyAsUndefined, z.string().trim().max(200).optional()),
  status: z.preprocess(emptyAsUndefined, z.enum(HOST_LIST_STATUSES).optional()),
  group: z.preprocess(
    emptyAsUndefined,
    z.union([z.literal("ungrouped"), z.uuid("must be a valid id")]).optional(),
  ),
  os: z.preprocess(emptyAsUndefined, z.string().trim().max(100).optional()),
  updates: flag,
  security: flag,
  reboot: flag,
  stale: flag,
  ids: z.preprocess(
    (value) => (typeof value === "string" && value !== "" ? value.split(",") : emptyAsUndefined(value)),
    z
      .array(z.uuid("must be a valid id"))
      .max(MAX_PAGE_SIZE * 5)
      .optional(),
  ),
  sort: z.preprocess(emptyAsUndefined, z.enum(HOST_SORTS).default("name")),
  order: z.preprocess(emptyAsUndefined, z.enum(["asc", "desc"]).default("asc")),
  page: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25)),
});
export type ListHostsInput = z.input<typeof listHostsSchema>;

/** Hosts page / export URL params (`q` for the search) as list input. */
export function hostListInputFromParams(
  params: Record<string, string | string[] | undefined>,
): ListHostsInput {
  const one = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    search: one("q") ?? one("search"),
    status: one("status") as ListHostsInput["status"],
    group: one("group"),
    os: one("os"),
    updates: one("updates"),
    security: one("security"),
    reboot: one("reboot"),
    stale: one("stale"),
    ids: one("ids"),
    sort: one("sort") as ListHostsInput["sort"],
    order: one("order") as ListHostsInput["order"],
    page: one("page"),
    pageSize: one("pageSize"),
  };
}
