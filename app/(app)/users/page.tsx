import type { Metadata } from "next";

import { PageHeader } from "@/components/shell/page-header";
import { CreateUserButton } from "@/components/users/create-user-button";
import { Pagination } from "@/components/users/pagination";
import { UsersFilters } from "@/components/users/users-filters";
import { UsersTable } from "@/components/users/users-table";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { describePasswordPolicy } from "@/lib/auth/password-policy";
import { getEnv } from "@/lib/env";
import { listHostGroupChoices } from "@/lib/roles/host-groups";
import { listRoles } from "@/lib/roles/service";
import { listUsers } from "@/lib/users/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("can_view_users");
  const raw = await searchParams;
  const params = {
    search: first(raw.search),
    roleId: first(raw.roleId),
    status: first(raw.status),
    page: first(raw.page),
  };
  const [page, roles, hostGroups] = await Promise.all([
    listUsers(actor, params),
    listRoles(actor),
    listHostGroupChoices(actor),
  ]);
  const canManage = hasPermission(actor, "can_manage_users");
  // Only roles the actor could hand out are offered; the server checks the same rule.
  const assignable = roles
    .filter((role) => role.permissions.every((permission) => actor.permissions.has(permission)))
    .map((role) => ({
      id: role.id,
      name: role.name,
      isSuperuser: role.permissions.includes("can_manage_superusers"),
    }));
  const passwordRules = describePasswordPolicy(getEnv().password);

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader
        title="Users"
        description="Accounts that can sign in, their roles and their access."
        actions={
          canManage ? (
            <CreateUserButton roles={assignable} hostGroups={hostGroups} passwordRules={passwordRules} />
          ) : null
        }
      />
      <UsersFilters
        search={params.search ?? ""}
        roleId={params.roleId ?? "all"}
        status={params.status ?? "all"}
        roles={roles.map((role) => ({ value: role.id, label: role.name }))}
      />
      <UsersTable
        users={page.rows}
        actorId={actor.userId}
        canManage={canManage}
        canManageSuperusers={hasPermission(actor, "can_manage_superusers")}
        roles={assignable}
        hostGroups={hostGroups}
        passwordRules={passwordRules}
        now={Date.now()}
      />
      <Pagination
        basePath="/users"
        params={params}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
    </div>
  );
}
