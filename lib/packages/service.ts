// Packages across the fleet (Packages pages, CSV export). Needs can_view_packages; every count and
// list covers only the hosts in the actor's host-group scope, and a package none of them has is
// "not found".
import {
  getPackageInScope,
  type HostPackageExportRow,
  listHostPackagesChunk,
  listPackageHostsPage,
  listPackageManagers,
  listPackagesPage,
  type PackageHostRow,
  type PackageRow,
  type PackageSummary,
} from "@/db/queries/packages";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";
import { getHostFor } from "@/lib/hosts/service";
import {
  type ListPackagesInput,
  listPackagesSchema,
  type PackageHostsInput,
  packageFilterSchema,
  packageHostsSchema,
} from "./schemas";

export type { PackageHostRow, PackageRow, PackageSummary };
export type Paged<T> = { rows: T[]; total: number; page: number; pageSize: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_CHUNK = 500;

function filterOf(actor: Actor, input: ListPackagesInput) {
  const query = packageFilterSchema.parse(input);
  return {
    scope: actor.hostGroupScope,
    search: query.search,
    packageManager: query.pm,
    needsUpdate: query.updates,
    security: query.security,
    hostId: query.host,
    groupId: query.group,
  };
}

export async function listPackagesFor(
  actor: Actor,
  input: ListPackagesInput = {},
): Promise<Paged<PackageRow>> {
  assertPermission(actor, "can_view_packages");
  const query = listPackagesSchema.parse(input);
  const { rows, total } = await listPackagesPage({
    ...filterOf(actor, input),
    sort: query.sort,
    order: query.order,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

export async function listPackageManagersFor(actor: Actor): Promise<string[]> {
  assertPermission(actor, "can_view_packages");
  return listPackageManagers(actor.hostGroupScope);
}

export async function getPackageFor(actor: Actor, id: string): Promise<PackageSummary> {
  assertPermission(actor, "can_view_packages");
  const found = UUID.test(id) ? await getPackageInScope(id, actor.hostGroupScope) : undefined;
  if (!found) throw new NotFoundError("Package not found.");
  return found;
}

export async function listPackageHostsFor(
  actor: Actor,
  id: string,
  input: PackageHostsInput = {},
): Promise<Paged<PackageHostRow>> {
  const pkg = await getPackageFor(actor, id);
  const query = packageHostsSchema.parse(input);
  const { rows, total } = await listPackageHostsPage({
    packageId: pkg.id,
    scope: actor.hostGroupScope,
    needsUpdate: query.updates,
    security: query.security,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Every package matching the page's filters, a chunk at a time. Permissions and input are checked
 * before the iterable is handed back, so a route answers 403/400 rather than a broken stream.
 */
export async function exportPackagesFor(
  actor: Actor,
  input: ListPackagesInput,
): Promise<AsyncIterable<PackageRow>> {
  assertPermission(actor, "can_view_packages");
  assertPermission(actor, "can_export_data");
  const query = listPackagesSchema.parse(input);
  const filter = filterOf(actor, input);
  return (async function* () {
    for (let offset = 0; ; offset += EXPORT_CHUNK) {
      const { rows } = await listPackagesPage({
        ...filter,
        sort: query.sort,
        order: query.order,
        limit: EXPORT_CHUNK,
        offset,
      });
      yield* rows;
      if (rows.length < EXPORT_CHUNK) return;
    }
  })();
}

/** One host's packages; the host must be in scope (else not found, before any byte is sent). */
export async function exportHostPackagesFor(
  actor: Actor,
  hostId: string,
): Promise<{ host: { id: string; friendlyName: string }; rows: AsyncIterable<HostPackageExportRow> }> {
  assertPermission(actor, "can_view_packages");
  assertPermission(actor, "can_export_data");
  const host = await getHostFor(actor, hostId);
  const rows = (async function* () {
    for (let offset = 0; ; offset += EXPORT_CHUNK) {
      const chunk = await listHostPackagesChunk(host.id, EXPORT_CHUNK, offset);
      yield* chunk;
      if (chunk.length < EXPORT_CHUNK) return;
    }
  })();
  return { host: { id: host.id, friendlyName: host.friendlyName }, rows };
}
