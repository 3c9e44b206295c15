import { relations, sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, timestamptz, updatedAt } from "./columns";
import { hosts } from "./hosts";

// One row per package name per package manager: "openssl" from apt and from dnf are different
// packages. Versions are deliberately not stored here; they are per host (host_packages), so one
// host's "latest version" never overwrites another's.
export const packages = pgTable(
  "packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // apt, dnf, yum, zypper, apk, pacman... Ingestion derives it when the agent does not say.
    packageManager: text("package_manager").notNull(),
    description: text("description"),
    category: text("category"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("packages_name_package_manager_key").on(t.name, t.packageManager),
    // The package-manager filter's choices: a handful of index probes (listPackageManagers).
    index("packages_package_manager_idx").on(t.packageManager),
  ],
);

// No foreign keys on purpose: checking two of them per row cost a first report of 2,000 packages
// more than writing the rows. Migration 0006 keeps the same guarantees another way: statement-level
// triggers delete a deleted host's or package's rows (what ON DELETE CASCADE did); ingestion writes
// rows only while it holds the host's row lock, and only for packages it has just read from the
// catalogue; the orphan clean-up deletes packages under a SHARE lock on this table, so no report can
// link a package it is deleting (db/queries/maintenance.ts).
export const hostPackages = pgTable(
  "host_packages",
  {
    hostId: uuid("host_id").notNull(),
    packageId: uuid("package_id").notNull(),
    currentVersion: text("current_version").notNull(),
    availableVersion: text("available_version"),
    needsUpdate: boolean("needs_update").notNull().default(false),
    // Null means unknown (pacman cannot tell), which is not the same as "not a security update".
    isSecurityUpdate: boolean("is_security_update"),
    // When the current available_version first appeared pending on this host; kept across reports
    // while that version stays pending, so "pending for N days" and SLA reports survive re-reports.
    firstSeenAt: timestamptz("first_seen_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.hostId, t.packageId] }),
    index("host_packages_package_id_idx").on(t.packageId),
    // "Which hosts need an update of package X" and the outdated-packages count.
    index("host_packages_pending_package_id_idx").on(t.packageId).where(sql`${t.needsUpdate}`),
    // Pending rows per host: a scoped user's outdated-packages count probes it per host in scope
    // (~40 ms instead of ~400 ms for 1,000 of 10,000 hosts).
    index("host_packages_pending_host_id_idx").on(t.hostId, t.packageId).where(sql`${t.needsUpdate}`),
    // Security updates pending per host, oldest first (SLA report, "pending since").
    index("host_packages_security_pending_idx")
      .on(t.hostId, t.firstSeenAt)
      .where(sql`${t.needsUpdate} and ${t.isSecurityUpdate}`),
  ],
);

// Per-package counts over the whole fleet, so the Packages list can sort and filter by them without
// counting host_packages. Kept by statement-level triggers on host_packages (migration 0004): each
// statement appends one row per changed package to package_stat_deltas, and the package-stats-fold
// job moves those into package_stats. Current counts = package_stats + the unfolded deltas.
export const packageStats = pgTable("package_stats", {
  packageId: uuid("package_id")
    .primaryKey()
    .references(() => packages.id, { onDelete: "cascade" }),
  hostsCount: integer("hosts_count").notNull().default(0),
  updatesCount: integer("updates_count").notNull().default(0),
  // Rows with needs_update and is_security_update.
  securityCount: integer("security_count").notNull().default(0),
  updatedAt: updatedAt(),
});

// Append-only changes to package_stats. No key, no index and no foreign key on purpose: reports of
// different hosts append rows for the same package without ever waiting on each other, appending
// stays cheap (a first report adds ~2,000 rows), and a delta outliving its package (deleted by
// orphan cleanup) is dropped when folded. The fold runs every minute, so reads that sum the deltas
// scan a small table.
export const packageStatDeltas = pgTable("package_stat_deltas", {
  packageId: uuid("package_id").notNull(),
  hosts: integer("hosts").notNull(),
  updates: integer("updates").notNull(),
  security: integer("security").notNull(),
});

export const packagesRelations = relations(packages, ({ many }) => ({
  hosts: many(hostPackages),
}));

export const hostPackagesRelations = relations(hostPackages, ({ one }) => ({
  host: one(hosts, { fields: [hostPackages.hostId], references: [hosts.id] }),
  package: one(packages, { fields: [hostPackages.packageId], references: [packages.id] }),
}));

export type Package = typeof packages.$inferSelect;
export type NewPackage = typeof packages.$inferInsert;
export type HostPackage = typeof hostPackages.$inferSelect;
export type NewHostPackage = typeof hostPackages.$inferInsert;
export type PackageStats = typeof packageStats.$inferSelect;
