import { relations } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, inList, timestamptz } from "./columns";
import { REPO_TYPES } from "./enums";
import { hosts } from "./hosts";

// A repository is identified by what it serves (url + distribution + components + type), not by the
// name a host gives it. distribution/components are '' rather than null so the unique key holds.
export const repositories = pgTable(
  "repositories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    distribution: text("distribution").notNull().default(""),
    components: text("components").notNull().default(""),
    repoType: text("repo_type", { enum: REPO_TYPES }).notNull(),
    isSecure: boolean("is_secure").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    unique("repositories_identity_key").on(t.url, t.distribution, t.components, t.repoType),
    check("repositories_repo_type_check", inList(t.repoType, REPO_TYPES)),
  ],
);

export const hostRepositories = pgTable(
  "host_repositories",
  {
    hostId: uuid("host_id")
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    repositoryId: uuid("repository_id")
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    isEnabled: boolean("is_enabled").notNull().default(true),
    lastCheckedAt: timestamptz("last_checked_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.hostId, t.repositoryId] }),
    index("host_repositories_repository_id_idx").on(t.repositoryId),
  ],
);

export const repositoriesRelations = relations(repositories, ({ many }) => ({
  hosts: many(hostRepositories),
}));

export const hostRepositoriesRelations = relations(hostRepositories, ({ one }) => ({
  host: one(hosts, { fields: [hostRepositories.hostId], references: [hosts.id] }),
  repository: one(repositories, {
    fields: [hostRepositories.repositoryId],
    references: [repositories.id],
  }),
}));

export type Repository = typeof repositories.$inferSelect;
export type NewRepository = typeof repositories.$inferInsert;
export type HostRepository = typeof hostRepositories.$inferSelect;
export type NewHostRepository = typeof hostRepositories.$inferInsert;
