// What the Users page hands its client components (no secrets: see db/queries/user-admin.ts).
import type { AdminUser } from "@/lib/users/service";

export type UserRow = AdminUser;
export type RoleOption = { id: string; name: string; isSuperuser: boolean };
export type HostGroupOption = { id: string; name: string };
