// Input rules for hosts, shared by the CLI, the /api/v1/hosts routes and the Hosts page.
import { z } from "zod";
import { HOST_SORTS } from "@/db/queries/host-admin";
import { HOST_STATUSES } from "@/db/schema";
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

export const listHostsSchema = z.object({
  search: z.preprocess(emptyAsUndefined, z.string().trim().max(200).optional()),
  status: z.preprocess(emptyAsUndefined, z.enum(HOST_STATUSES).optional()),
  group: z.preprocess(emptyAsUndefined, z.uuid("must be a valid id").optional()),
  sort: z.preprocess(emptyAsUndefined, z.enum(HOST_SORTS).default("name")),
  order: z.preprocess(emptyAsUndefined, z.enum(["asc", "desc"]).default("asc")),
  page: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25)),
});
export type ListHostsInput = z.input<typeof listHostsSchema>;
