// URL parameters of the Repositories pages and export.
import { z } from "zod";
import { REPOSITORY_SORTS } from "@/db/queries/repositories";
import { REPO_TYPES } from "@/db/schema";

const emptyAsUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
/** "yes"/"no" in the URL; anything else (or absent) means either. */
const yesNo = z.preprocess(
  (value) => (value === "yes" ? true : value === "no" ? false : undefined),
  z.boolean().optional(),
);

export const listRepositoriesSchema = z.object({
  search: z.preprocess(emptyAsUndefined, z.string().trim().max(200).optional()),
  type: z.preprocess(emptyAsUndefined, z.enum(REPO_TYPES).optional()),
  secure: yesNo,
  enabled: yesNo,
  sort: z.preprocess(emptyAsUndefined, z.enum(REPOSITORY_SORTS).default("name")),
  order: z.preprocess(emptyAsUndefined, z.enum(["asc", "desc"]).default("asc")),
  page: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(50)),
});
export type ListRepositoriesInput = z.input<typeof listRepositoriesSchema>;

export const repositoryHostsSchema = listRepositoriesSchema.pick({ page: true, pageSize: true });
export type RepositoryHostsInput = z.input<typeof repositoryHostsSchema>;
