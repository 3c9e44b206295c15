// Permission flags as the app speaks of them, and the pure checks over an actor's role.
import type { Permission, Role } from "@/db/schema";
import { PERMISSIONS } from "@/db/schema";

export type { Permission };
export { PERMISSIONS };

const ROLE_COLUMN: Record<Permission, keyof Role> = {
  can_view_dashboard: "canViewDashboard",
  can_view_hosts: "canViewHosts",
  can_manage_hosts: "canManageHosts",
  can_view_packages: "canViewPackages",
  can_manage_packages: "canManagePackages",
  can_view_users: "canViewUsers",
  can_manage_users: "canManageUsers",
  can_manage_superusers: "canManageSuperusers",
  can_view_reports: "canViewReports",
  can_export_data: "canExportData",
  can_manage_settings: "canManageSettings",
};

export const PERMISSION_LABELS: Record<Permission, string> = {
  can_view_dashboard: "View dashboard",
  can_view_hosts: "View hosts",
  can_manage_hosts: "Manage hosts",
  can_view_packages: "View packages",
  can_manage_packages: "Manage packages",
  can_view_users: "View users",
  can_manage_users: "Manage users",
  can_manage_superusers: "Manage superusers",
  can_view_reports: "View reports",
  can_export_data: "Export data",
  can_manage_settings: "Manage settings",
};

export function roleColumn(permission: Permission): keyof Role {
  return ROLE_COLUMN[permission];
}

/** The flags a role row grants. */
export function permissionsOfRole(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => role[ROLE_COLUMN[permission]] === true);
}

/** A role that can do everything a superadmin can: only superadmins may hand it out. */
export function isSuperuserRole(role: Pick<Role, "canManageSuperusers">): boolean {
  return role.canManageSuperusers;
}

/**
 * The host groups a user may see: null for the whole fleet. The role's and the user's own
 * restrictions both apply, so with both set only groups in both remain.
 */
export function effectiveHostScope(
  roleGroupIds: readonly string[],
  userGroupIds: readonly string[],
): string[] | null {
  if (roleGroupIds.length === 0 && userGroupIds.length === 0) return null;
  if (roleGroupIds.length === 0) return [...userGroupIds];
  if (userGroupIds.length === 0) return [...roleGroupIds];
  const allowed = new Set(roleGroupIds);
  return userGroupIds.filter((id) => allowed.has(id));
}
