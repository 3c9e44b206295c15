import type { RoleView } from "@/lib/roles/service";

export type RoleRow = RoleView;
export type PermissionOption = { value: RoleView["permissions"][number]; label: string; grantable: boolean };
