import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { apiTokens } from "./api";
import { createdAt, inList, timestamptz, updatedAt } from "./columns";
import { THEME_PREFERENCES } from "./enums";
import { hostGroups } from "./hosts";
import { sessions } from "./sessions";

// Permission flags are columns (not a JSON blob) so a guard is one indexed lookup and a new flag is
// one ADD COLUMN with a default. Keep this list in step with the columns below.
export const PERMISSIONS = [
  "can_view_dashboard",
  "can_view_hosts",
  "can_manage_hosts",
  "can_view_packages",
  "can_manage_packages",
  "can_view_users",
  "can_manage_users",
  "can_manage_superusers",
  "can_view_reports",
  "can_export_data",
  "can_manage_settings",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const roles = pgTable("roles", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description"),
  // Built-in roles (seeded by migration) cannot be renamed or deleted.
  isBuiltin: boolean("is_builtin").notNull().default(false),
  canViewDashboard: boolean("can_view_dashboard").notNull().default(false),
  canViewHosts: boolean("can_view_hosts").notNull().default(false),
  canManageHosts: boolean("can_manage_hosts").notNull().default(false),
  canViewPackages: boolean("can_view_packages").notNull().default(false),
  canManagePackages: boolean("can_manage_packages").notNull().default(false),
  canViewUsers: boolean("can_view_users").notNull().default(false),
  canManageUsers: boolean("can_manage_users").notNull().default(false),
  canManageSuperusers: boolean("can_manage_superusers").notNull().default(false),
  canViewReports: boolean("can_view_reports").notNull().default(false),
  canExportData: boolean("can_export_data").notNull().default(false),
  canManageSettings: boolean("can_manage_settings").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// A role with rows here sees only hosts in these groups; no rows means the whole fleet.
export const roleHostGroups = pgTable(
  "role_host_groups",
  {
    roleId: uuid("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    // Restrict: deleting a group that limits a role or user must not silently widen that scope to
    // the whole fleet (no rows means unscoped). The group's service refuses with a clear message.
    hostGroupId: uuid("host_group_id")
      .notNull()
      .references(() => hostGroups.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.hostGroupId] }),
    index("role_host_groups_host_group_id_idx").on(t.hostGroupId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lowercase (CHECK below) so login is case-insensitive without citext.
    username: text("username").notNull(),
    email: text("email").notNull(),
    // True when the address was set by setup, an administrator, the CLI or a verified SSO claim;
    // false after the user changed it on their own profile. SSO links accounts only on trusted ones.
    emailTrusted: boolean("email_trusted").notNull().default(false),
    // Null for SSO-only accounts.
    passwordHash: text("password_hash"),
    passwordChangedAt: timestamptz("password_changed_at"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    // Restrict: a role in use cannot be deleted out from under its users.
    roleId: uuid("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "restrict" }),
    isActive: boolean("is_active").notNull().default(true),
    failedLoginAttempts: integer("failed_login_attempts").notNull().default(0),
    lockedUntil: timestamptz("locked_until"),
    lastLoginAt: timestamptz("last_login_at"),
    tfaEnabled: boolean("tfa_enabled").notNull().default(false),
    tfaSecretEncrypted: text("tfa_secret_encrypted"),
    tfaFailedAttempts: integer("tfa_failed_attempts").notNull().default(0),
    tfaLockedUntil: timestamptz("tfa_locked_until"),
    // The TOTP time step (unix time / 30) of the last code that signed in: a code works once.
    tfaLastUsedStep: bigint("tfa_last_used_step", { mode: "number" }),
    oidcSubject: text("oidc_subject"),
    oidcIssuer: text("oidc_issuer"),
    themePreference: text("theme_preference", { enum: THEME_PREFERENCES }).notNull().default("system"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_username_lower_key").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_oidc_identity_key").on(t.oidcIssuer, t.oidcSubject),
    index("users_role_id_idx").on(t.roleId),
    check("users_username_lowercase", sql`${t.username} = lower(${t.username})`),
    check("users_oidc_pair", sql`(${t.oidcSubject} is null) = (${t.oidcIssuer} is null)`),
    check("users_theme_preference_check", inList(t.themePreference, THEME_PREFERENCES)),
  ],
);

// Per-user host-group scope, combined with the role's scope.
export const userHostGroups = pgTable(
  "user_host_groups",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Restrict: deleting a group that limits a role or user must not silently widen that scope to
    // the whole fleet (no rows means unscoped). The group's service refuses with a clear message.
    hostGroupId: uuid("host_group_id")
      .notNull()
      .references(() => hostGroups.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.hostGroupId] }),
    index("user_host_groups_host_group_id_idx").on(t.hostGroupId),
  ],
);

export const tfaBackupCodes = pgTable(
  "tfa_backup_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamptz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("tfa_backup_codes_user_id_idx").on(t.userId)],
);

export const tfaRememberedDevices = pgTable(
  "tfa_remembered_devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    userAgent: text("user_agent"),
    ip: text("ip"),
    createdAt: createdAt(),
    lastUsedAt: timestamptz("last_used_at"),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [
    index("tfa_remembered_devices_user_id_idx").on(t.userId),
    index("tfa_remembered_devices_expires_at_idx").on(t.expiresAt),
  ],
);

export const rolesRelations = relations(roles, ({ many }) => ({
  users: many(users),
  hostGroups: many(roleHostGroups),
}));

export const roleHostGroupsRelations = relations(roleHostGroups, ({ one }) => ({
  role: one(roles, { fields: [roleHostGroups.roleId], references: [roles.id] }),
  hostGroup: one(hostGroups, { fields: [roleHostGroups.hostGroupId], references: [hostGroups.id] }),
}));

export const usersRelations = relations(users, ({ one, many }) => ({
  role: one(roles, { fields: [users.roleId], references: [roles.id] }),
  hostGroups: many(userHostGroups),
  sessions: many(sessions),
  tfaBackupCodes: many(tfaBackupCodes),
  tfaRememberedDevices: many(tfaRememberedDevices),
  apiTokens: many(apiTokens),
}));

export const userHostGroupsRelations = relations(userHostGroups, ({ one }) => ({
  user: one(users, { fields: [userHostGroups.userId], references: [users.id] }),
  hostGroup: one(hostGroups, { fields: [userHostGroups.hostGroupId], references: [hostGroups.id] }),
}));

export const tfaBackupCodesRelations = relations(tfaBackupCodes, ({ one }) => ({
  user: one(users, { fields: [tfaBackupCodes.userId], references: [users.id] }),
}));

export const tfaRememberedDevicesRelations = relations(tfaRememberedDevices, ({ one }) => ({
  user: one(users, { fields: [tfaRememberedDevices.userId], references: [users.id] }),
}));

export type Role = typeof roles.$inferSelect;
export type NewRole = typeof roles.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type TfaBackupCode = typeof tfaBackupCodes.$inferSelect;
export type NewTfaBackupCode = typeof tfaBackupCodes.$inferInsert;
export type TfaRememberedDevice = typeof tfaRememberedDevices.$inferSelect;
export type NewTfaRememberedDevice = typeof tfaRememberedDevices.$inferInsert;
