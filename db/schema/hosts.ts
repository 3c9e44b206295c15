import { relations } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, uuid } from "drizzle-orm/pg-core";
import { agentCommands, bootstrapTokens } from "./agent";
import { alerts } from "./alerts";
import { createdAt, timestamptz, updatedAt } from "./columns";
import { enrolmentTokenHostGroups, enrolmentTokens } from "./enrolment";
import { hostStatusEnum, reportStatusEnum } from "./enums";
import { hostPackages } from "./packages";
import { reports } from "./reports";
import { hostRepositories } from "./repositories";
import { roleHostGroups, userHostGroups } from "./users";

// Shapes of the system facts an agent reports (agent-protocol.md); stored as sent, after validation.
export type DiskDetail = { name: string; size: string; mountpoint: string };
export type NetworkAddress = { address: string; family?: string; netmask?: string; gateway?: string };
export type NetworkInterface = {
  name: string;
  type?: string;
  macAddress?: string;
  mtu?: number;
  status?: string;
  linkSpeed?: number;
  duplex?: string;
  addresses?: NetworkAddress[];
};

export const hostGroups = pgTable("host_groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description"),
  color: text("color").notNull().default("#3B82F6"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const hosts = pgTable(
  "hosts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Agent credentials: `patchmon_` + 16 hex, and a hash of the 64-hex key (never the key).
    apiId: text("api_id").notNull().unique(),
    apiKeyHash: text("api_key_hash").notNull(),
    friendlyName: text("friendly_name").notNull(),
    // Identity and system facts: null until the first report.
    hostname: text("hostname"),
    machineId: text("machine_id"),
    ip: text("ip"),
    osType: text("os_type"),
    osVersion: text("os_version"),
    architecture: text("architecture"),
    kernelVersion: text("kernel_version"),
    installedKernelVersion: text("installed_kernel_version"),
    selinuxStatus: text("selinux_status"),
    systemUptime: text("system_uptime"),
    loadAverage: jsonb("load_average").$type<number[]>(),
    cpuModel: text("cpu_model"),
    cpuCores: integer("cpu_cores"),
    ramInstalled: real("ram_installed"), // GB
    swapSize: real("swap_size"), // GB
    diskDetails: jsonb("disk_details").$type<DiskDetail[]>(),
    gatewayIp: text("gateway_ip"),
    dnsServers: jsonb("dns_servers").$type<string[]>(),
    networkInterfaces: jsonb("network_interfaces").$type<NetworkInterface[]>(),
    agentVersion: text("agent_version"),
    needsReboot: boolean("needs_reboot").notNull().default(false),
    rebootReason: text("reboot_reason"),
    // Freshness state, recomputed by the host status monitor from last_contact_at.
    status: hostStatusEnum("status").notNull().default("pending"),
    // Kept apart from status: a host can be in contact yet failing to collect packages.
    lastReportStatus: reportStatusEnum("last_report_status"),
    lastReportError: text("last_report_error"),
    lastReportAt: timestamptz("last_report_at"),
    lastContactAt: timestamptz("last_contact_at"),
    // The agent's hash of its last accepted package list, for `packagesUnchanged` reports.
    packagesHash: text("packages_hash"),
    // One hash per stored host_packages row (lib/agent/package-digest.ts), so a full report sends
    // PostgreSQL only the rows that changed. Ingestion's own; never selected by anything else.
    packageDigest: text("package_digest"),
    // Bumped by every write of the host's packages (both ingestion paths and the package-delete
    // trigger): the one-statement report compares it, a value never reused (db/queries/report-delta.ts).
    packagesVersion: integer("packages_version").notNull().default(0),
    // Denormalised from host_packages at ingestion so lists sort and filter without aggregating.
    updatesCount: integer("updates_count").notNull().default(0),
    securityUpdatesCount: integer("security_updates_count").notNull().default(0),
    totalPackages: integer("total_packages").notNull().default(0),
    oldestSecurityPendingSince: timestamptz("oldest_security_pending_since"),
    notes: text("notes"),
    autoUpdate: boolean("auto_update").notNull().default(true),
    // Interval the agent last received; when it differs from settings, answer with crontabUpdate.
    updateIntervalApplied: integer("update_interval_applied"),
    enrolmentTokenId: uuid("enrolment_token_id").references(() => enrolmentTokens.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("hosts_status_idx").on(t.status),
    index("hosts_last_contact_at_idx").on(t.lastContactAt),
    index("hosts_friendly_name_idx").on(t.friendlyName, t.id),
    index("hosts_hostname_idx").on(t.hostname),
    index("hosts_machine_id_idx").on(t.machineId),
    index("hosts_os_type_idx").on(t.osType),
    index("hosts_updates_count_idx").on(t.updatesCount),
    index("hosts_security_updates_count_idx").on(t.securityUpdatesCount),
    index("hosts_oldest_security_pending_since_idx").on(t.oldestSecurityPendingSince),
    index("hosts_enrolment_token_id_idx").on(t.enrolmentTokenId),
  ],
);

// A host may belong to several groups.
export const hostGroupMemberships = pgTable(
  "host_group_memberships",
  {
    hostId: uuid("host_id")
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    hostGroupId: uuid("host_group_id")
      .notNull()
      .references(() => hostGroups.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.hostId, t.hostGroupId] }),
    index("host_group_memberships_host_group_id_idx").on(t.hostGroupId),
  ],
);

export const hostGroupsRelations = relations(hostGroups, ({ many }) => ({
  memberships: many(hostGroupMemberships),
  roleScopes: many(roleHostGroups),
  userScopes: many(userHostGroups),
  enrolmentTokens: many(enrolmentTokenHostGroups),
}));

export const hostsRelations = relations(hosts, ({ one, many }) => ({
  groupMemberships: many(hostGroupMemberships),
  packages: many(hostPackages),
  repositories: many(hostRepositories),
  reports: many(reports),
  agentCommands: many(agentCommands),
  bootstrapTokens: many(bootstrapTokens),
  alerts: many(alerts),
  enrolmentToken: one(enrolmentTokens, {
    fields: [hosts.enrolmentTokenId],
    references: [enrolmentTokens.id],
  }),
}));

export const hostGroupMembershipsRelations = relations(hostGroupMemberships, ({ one }) => ({
  host: one(hosts, { fields: [hostGroupMemberships.hostId], references: [hosts.id] }),
  hostGroup: one(hostGroups, { fields: [hostGroupMemberships.hostGroupId], references: [hostGroups.id] }),
}));

export type HostGroup = typeof hostGroups.$inferSelect;
export type NewHostGroup = typeof hostGroups.$inferInsert;
export type Host = typeof hosts.$inferSelect;
export type NewHost = typeof hosts.$inferInsert;
export type HostGroupMembership = typeof hostGroupMemberships.$inferSelect;
export type NewHostGroupMembership = typeof hostGroupMemberships.$inferInsert;
