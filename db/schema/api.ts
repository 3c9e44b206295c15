import { relations } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { users } from "./users";

export const API_SCOPE_RESOURCES = ["hosts", "host_groups", "packages", "repositories", "reports"] as const;
export type ApiScopeResource = (typeof API_SCOPE_RESOURCES)[number];
// A resource absent from the map is not accessible; "write" implies "read".
export type ApiTokenScopes = Partial<Record<ApiScopeResource, "read" | "write">>;

// Tokens for the REST API (Bearer or Basic). Only a hash is stored; the prefix lets a user tell
// tokens apart in the list without revealing them.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    tokenPrefix: text("token_prefix").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    // A token acts as its owner, narrowed by its scopes; it dies with the owner.
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scopes: jsonb("scopes").$type<ApiTokenScopes>().notNull().default({}),
    // IPv4/IPv6 addresses or CIDRs; empty means any address.
    allowedIpRanges: text("allowed_ip_ranges").array().notNull().default([]),
    expiresAt: timestamptz("expires_at"),
    lastUsedAt: timestamptz("last_used_at"),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_user_id_idx").on(t.userId)],
);

export const apiTokensRelations = relations(apiTokens, ({ one }) => ({
  user: one(users, { fields: [apiTokens.userId], references: [users.id] }),
}));

export type ApiToken = typeof apiTokens.$inferSelect;
export type NewApiToken = typeof apiTokens.$inferInsert;
