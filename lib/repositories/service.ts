// Repositories the fleet's hosts use (Repositories pages, CSV export). Needs can_view_hosts; a
// scoped actor sees only repositories used by its hosts, counted over those hosts, and a repository
// none of them uses is "not found".
import {
  getRepositoryInScope,
  listRepositoriesPage,
  listRepositoryHostsPage,
  type RepositoryHostRow,
  type RepositoryRow,
} from "@/db/queries/repositories";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";
import {
  type ListRepositoriesInput,
  listRepositoriesSchema,
  type RepositoryHostsInput,
  repositoryHostsSchema,
} from "./schemas";

export type { RepositoryHostRow, RepositoryRow };
export type Paged<T> = { rows: T[]; total: number; page: number; pageSize: number };
export type RepositoryDetail = RepositoryRow & { createdAt: Date | string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_CHUNK = 500;

function listQuery(actor: Actor, input: ListRepositoriesInput) {
  const query = listRepositoriesSchema.parse(input);
  return {
    query,
    filter: {
      scope: actor.hostGroupScope,
      search: query.search,
      type: query.type,
      secure: query.secure,
      enabled: query.enabled,
      sort: query.sort,
      order: query.order,
    },
  };
}

export async function listRepositoriesFor(
  actor: Actor,
  input: ListRepositoriesInput = {},
): Promise<Paged<RepositoryRow>> {
  assertPermission(actor, "can_view_hosts");
  const { query, filter } = listQuery(actor, input);
  const { rows, total } = await listRepositoriesPage({
    ...filter,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

export async function getRepositoryFor(actor: Actor, id: string): Promise<RepositoryDetail> {
  assertPermission(actor, "can_view_hosts");
  const found = UUID.test(id) ? await getRepositoryInScope(id, actor.hostGroupScope) : undefined;
  if (!found) throw new NotFoundError("Repository not found.");
  return found;
}

export async function listRepositoryHostsFor(
  actor: Actor,
  id: string,
  input: RepositoryHostsInput = {},
): Promise<Paged<RepositoryHostRow>> {
  const repository = await getRepositoryFor(actor, id);
  const query = repositoryHostsSchema.parse(input);
  const { rows, total } = await listRepositoryHostsPage({
    repositoryId: repository.id,
    scope: actor.hostGroupScope,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

/** Every repository matching the filters, a chunk at a time; checked before anything streams. */
export async function exportRepositoriesFor(
  actor: Actor,
  input: ListRepositoriesInput,
): Promise<AsyncIterable<RepositoryRow>> {
  assertPermission(actor, "can_view_hosts");
  assertPermission(actor, "can_export_data");
  const { filter } = listQuery(actor, input);
  return (async function* () {
    for (let offset = 0; ; offset += EXPORT_CHUNK) {
      const { rows } = await listRepositoriesPage({ ...filter, limit: EXPORT_CHUNK, offset });
      yield* rows;
      if (rows.length < EXPORT_CHUNK) return;
    }
  })();
}
