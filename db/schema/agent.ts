import { relations, sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, inList, timestamptz } from "./columns";
import { AGENT_COMMAND_STATUSES, AGENT_COMMAND_TYPES } from "./enums";
import { hosts } from "./hosts";
import { users } from "./users";

// Commands queued from the UI and handed to the agent on its next ping (cron agents never hold a
// socket open), then marked delivered.
export const agentCommands = pgTable(
  "agent_commands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hostId: uuid("host_id")
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    type: text("type", { enum: AGENT_COMMAND_TYPES }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    status: text("status", { enum: AGENT_COMMAND_STATUSES }).notNull().default("queued"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    deliveredAt: timestamptz("delivered_at"),
    // Null: waits until delivered.
    expiresAt: timestamptz("expires_at"),
  },
  (t) => [
    // At most one queued command of each type per host: pressing "report now" twice queues it once
    // (insert ... on conflict do nothing). Also serves the ping's "queued for this host" lookup.
    uniqueIndex("agent_commands_queued_host_type_key")
      .on(t.hostId, t.type)
      .where(sql`${t.status} = 'queued'`),
    check("agent_commands_type_check", inList(t.type, AGENT_COMMAND_TYPES)),
    check("agent_commands_status_check", inList(t.status, AGENT_COMMAND_STATUSES)),
  ],
);

// One-time tokens embedded in the install command instead of the real key; exchanged once for the
// host's credentials within minutes.
export const bootstrapTokens = pgTable(
  "bootstrap_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    hostId: uuid("host_id")
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
  },
  (t) => [
    index("bootstrap_tokens_expires_at_idx").on(t.expiresAt),
    index("bootstrap_tokens_host_id_idx").on(t.hostId),
  ],
);

export const agentCommandsRelations = relations(agentCommands, ({ one }) => ({
  host: one(hosts, { fields: [agentCommands.hostId], references: [hosts.id] }),
  createdBy: one(users, { fields: [agentCommands.createdByUserId], references: [users.id] }),
}));

export const bootstrapTokensRelations = relations(bootstrapTokens, ({ one }) => ({
  host: one(hosts, { fields: [bootstrapTokens.hostId], references: [hosts.id] }),
}));

export type AgentCommand = typeof agentCommands.$inferSelect;
export type NewAgentCommand = typeof agentCommands.$inferInsert;
export type BootstrapToken = typeof bootstrapTokens.$inferSelect;
export type NewBootstrapToken = typeof bootstrapTokens.$inferInsert;
