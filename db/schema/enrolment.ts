import { relations } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, timestamptz, updatedAt } from "./columns";
import { hostGroups, hosts } from "./hosts";
import { users } from "./users";

// Auto-enrolment credentials (X-Auto-Enrollment-Key / -Secret) for scripts that enrol many hosts.
export const enrolmentTokens = pgTable(
  "enrolment_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // The public half, sent as the key header; the secret is stored only as a hash.
    tokenKey: text("token_key").notNull().unique(),
    secretHash: text("secret_hash").notNull(),
    maxHostsPerDay: integer("max_hosts_per_day").notNull().default(100),
    // IPv4/IPv6 addresses or CIDRs; empty means any address.
    allowedIpRanges: text("allowed_ip_ranges").array().notNull().default([]),
    // Null: never expires.
    expiresAt: timestamptz("expires_at"),
    isActive: boolean("is_active").notNull().default(true),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamptz("last_used_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("enrolment_tokens_expires_at_idx").on(t.expiresAt)],
);

// Groups every host enrolled with the token joins (a table, not uuid[], so deleting a group cascades).
export const enrolmentTokenHostGroups = pgTable(
  "enrolment_token_host_groups",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => enrolmentTokens.id, { onDelete: "cascade" }),
    hostGroupId: uuid("host_group_id")
      .notNull()
      .references(() => hostGroups.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.tokenId, t.hostGroupId] }),
    index("enrolment_token_host_groups_host_group_id_idx").on(t.hostGroupId),
  ],
);

// Log of enrolments: counts toward max_hosts_per_day and finds a machine this token already
// enrolled, so re-enrolling rotates that host's key instead of creating a duplicate.
export const enrolments = pgTable(
  "enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => enrolmentTokens.id, { onDelete: "cascade" }),
    // Set null, not cascade: a deleted host still counted toward that day's limit.
    hostId: uuid("host_id").references(() => hosts.id, { onDelete: "set null" }),
    machineId: text("machine_id"),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [
    index("enrolments_token_id_created_at_idx").on(t.tokenId, t.createdAt),
    index("enrolments_token_id_machine_id_idx").on(t.tokenId, t.machineId),
    index("enrolments_host_id_idx").on(t.hostId),
  ],
);

export const enrolmentTokensRelations = relations(enrolmentTokens, ({ one, many }) => ({
  hosts: many(hosts),
  hostGroups: many(enrolmentTokenHostGroups),
  enrolments: many(enrolments),
  createdBy: one(users, { fields: [enrolmentTokens.createdByUserId], references: [users.id] }),
}));

export const enrolmentTokenHostGroupsRelations = relations(enrolmentTokenHostGroups, ({ one }) => ({
  token: one(enrolmentTokens, {
    fields: [enrolmentTokenHostGroups.tokenId],
    references: [enrolmentTokens.id],
  }),
  hostGroup: one(hostGroups, {
    fields: [enrolmentTokenHostGroups.hostGroupId],
    references: [hostGroups.id],
  }),
}));

export const enrolmentsRelations = relations(enrolments, ({ one }) => ({
  token: one(enrolmentTokens, { fields: [enrolments.tokenId], references: [enrolmentTokens.id] }),
  host: one(hosts, { fields: [enrolments.hostId], references: [hosts.id] }),
}));

export type EnrolmentToken = typeof enrolmentTokens.$inferSelect;
export type NewEnrolmentToken = typeof enrolmentTokens.$inferInsert;
export type Enrolment = typeof enrolments.$inferSelect;
export type NewEnrolment = typeof enrolments.$inferInsert;
