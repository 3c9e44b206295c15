// The body of POST /hosts/update (spec/agent-protocol.md "The report"). Lenient in what it accepts
// (PatchMon 1.2 bash and 1.4 Go agents, our shell agent, newer agents with extra fields), strict in
// what it returns: every value is one the database can store and the UI can show.
//
// - Unknown fields are dropped. Optional facts: absent = keep what is stored; null or "" = none.
// - Numbers and booleans may arrive as strings ("4", "true"); negative sizes become null.
// - NUL (U+0000), which PostgreSQL text and jsonb cannot hold: rejected in package names, versions
//   and repository identity (silently changing a key would merge different packages); stripped from
//   free text (descriptions, errors, system facts). Lone UTF-16 surrogates become U+FFFD.
// - Lengths: names and versions at most 512 characters (rejected beyond), free text truncated.
// - Duplicate package names in one report (dpkg lists multi-arch packages once per architecture)
//   collapse into one, preferring the entry that has an update pending.
import { z } from "zod";
import { REPO_TYPES } from "@/db/schema/enums";
import type { DiskDetail, NetworkInterface } from "@/db/schema/hosts";
import { resolvePackageManager } from "./package-manager";
import { blankToNull, bool, booleanLike, fact, key, numberLike, size, text } from "./report-fields";
import { type AgentPackage, dedupePackages, packagesSchema } from "./report-packages";

export type { AgentPackage } from "./report-packages";
export { MAX_PACKAGES_PER_REPORT } from "./report-packages";

const MAX_ISSUES = 100;

export type AgentRepository = {
  name: string;
  url: string;
  distribution: string;
  components: string;
  repoType: (typeof REPO_TYPES)[number];
  isEnabled: boolean;
  isSecure: boolean;
};

/** A validated report. `undefined` = the agent did not send the field; `null` = it sent "none". */
export type AgentReport = {
  packages: AgentPackage[];
  /** Absent: keep the host's repositories; [] clears them. */
  repositories?: AgentRepository[];
  /** Always set: the agent's `packageManager`, else derived from osType ("unknown" when it cannot be). */
  packageManager: string;
  osType?: string | null;
  osVersion?: string | null;
  hostname?: string | null;
  ip?: string | null;
  architecture?: string | null;
  agentVersion?: string | null;
  machineId?: string | null;
  kernelVersion?: string | null;
  installedKernelVersion?: string | null;
  /** Lowercase ("enforcing", "permissive", "disabled"). */
  selinuxStatus?: string | null;
  systemUptime?: string | null;
  loadAverage?: number[] | null;
  needsReboot?: boolean;
  rebootReason?: string | null;
  cpuModel?: string | null;
  cpuCores?: number | null;
  ramInstalled?: number | null;
  swapSize?: number | null;
  diskDetails?: DiskDetail[] | null;
  gatewayIp?: string | null;
  dnsServers?: string[] | null;
  networkInterfaces?: NetworkInterface[] | null;
  /** Seconds. */
  executionTime?: number;
  collectionError?: string;
  packagesUnchanged?: boolean;
  packagesHash?: string;
};

/** Names other agents use for the types we store. */
const REPO_TYPE_ALIASES: Record<string, string> = {
  yum: "rpm",
  dnf: "rpm",
  "rpm-md": "rpm",
  zypp: "zypper",
  yast2: "zypper",
};

const repositorySchema = z
  .object({
    name: fact(),
    url: key(2048),
    distribution: z.preprocess(blankToNull, key().nullish()),
    components: z.preprocess(blankToNull, key().nullish()),
    repoType: z.preprocess(
      (value) =>
        typeof value === "string"
          ? (REPO_TYPE_ALIASES[value.trim().toLowerCase()] ?? value.trim().toLowerCase())
          : value,
      z.enum(REPO_TYPES, { error: `must be one of ${REPO_TYPES.join(", ")}` }),
    ),
    isEnabled: bool().nullish(),
    isSecure: bool().nullish(),
  })
  .transform(
    (r): AgentRepository => ({
      name: r.name ?? r.url,
      url: r.url,
      distribution: r.distribution ?? "",
      components: r.components ?? "",
      repoType: r.repoType,
      isEnabled: r.isEnabled ?? true,
      isSecure: r.isSecure ?? r.url.toLowerCase().startsWith("https:"),
    }),
  );

const diskSchema = z.object({
  name: text(512).transform((v) => v ?? ""),
  size: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : v),
    text(64).transform((v) => v ?? ""),
  ),
  mountpoint: fact().transform((v) => v ?? ""),
});

const addressSchema = z.object({
  address: text(128).transform((v) => v ?? ""),
  family: fact(16).transform((v) => v ?? undefined),
  netmask: fact(128).transform((v) => v ?? undefined),
  gateway: fact(128).transform((v) => v ?? undefined),
});

const optionalInt = size(true).transform((v) => v ?? undefined);
const interfaceSchema = z.object({
  name: text(128).transform((v) => v ?? ""),
  type: fact(64).transform((v) => v ?? undefined),
  macAddress: fact(64).transform((v) => v ?? undefined),
  mtu: optionalInt,
  status: fact(32).transform((v) => v ?? undefined),
  linkSpeed: optionalInt,
  duplex: fact(32).transform((v) => v ?? undefined),
  addresses: z
    .array(addressSchema)
    .max(256)
    .nullish()
    .transform((v) => v ?? undefined),
});

const loadAverageSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : value),
  z.array(z.preprocess(numberLike, z.number().finite())).max(16).nullish(),
);

const reportObject = z.object({
  packages: packagesSchema,
  // null from a Go agent whose collection returned nothing: same as absent (keep the stored set).
  // An entry that cannot be stored (no URL, unknown type) is dropped on its own: repositories are
  // secondary facts and must never cost the host its package report.
  repositories: z
    .array(z.unknown())
    .max(1000)
    .nullish()
    .transform((list) =>
      list?.flatMap((item) => {
        const parsed = repositorySchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  packageManager: fact(32),
  osType: fact(),
  osVersion: fact(),
  hostname: fact(),
  ip: fact(),
  architecture: fact(64),
  agentVersion: fact(64),
  machineId: fact(),
  kernelVersion: fact(),
  installedKernelVersion: fact(),
  selinuxStatus: fact(32).transform((v) => (v ? v.toLowerCase() : v)),
  systemUptime: fact(),
  loadAverage: loadAverageSchema,
  needsReboot: z.preprocess(booleanLike, z.boolean().nullish()).transform((v) => v ?? undefined),
  rebootReason: fact(4096),
  cpuModel: fact(),
  cpuCores: size(true),
  ramInstalled: size(),
  swapSize: size(),
  diskDetails: z.array(diskSchema).max(1024).nullish(),
  gatewayIp: fact(128),
  dnsServers: z
    .array(text(256))
    .max(64)
    .nullish()
    .transform((list) => (list ? list.filter((server): server is string => server !== null) : list)),
  networkInterfaces: z.array(interfaceSchema).max(1024).nullish(),
  executionTime: size().transform((v) => v ?? undefined),
  collectionError: fact(8192).transform((v) => v ?? undefined),
  packagesUnchanged: z.preprocess(booleanLike, z.boolean().nullish()).transform((v) => v ?? undefined),
  packagesHash: z.preprocess(blankToNull, key(256).nullish()).transform((v) => v ?? undefined),
});

function dedupeRepositories(list: AgentRepository[]): AgentRepository[] {
  const byIdentity = new Map<string, AgentRepository>();
  for (const repo of list) {
    const identity = JSON.stringify([repo.url, repo.distribution, repo.components, repo.repoType]);
    const seen = byIdentity.get(identity);
    byIdentity.set(identity, seen ? { ...seen, isEnabled: seen.isEnabled || repo.isEnabled } : repo);
  }
  return [...byIdentity.values()];
}

export const agentReportSchema: z.ZodType<AgentReport> = reportObject
  .superRefine((report, ctx) => {
    if (report.packages.length === 0 && !report.packagesUnchanged && !report.collectionError)
      ctx.addIssue({
        code: "custom",
        path: ["packages"],
        message: "must not be empty unless packagesUnchanged or collectionError is sent",
      });
    if (report.packagesUnchanged && !report.packagesHash)
      ctx.addIssue({ code: "custom", path: ["packagesHash"], message: "is required with packagesUnchanged" });
  })
  .transform(({ packageManager, ...report }) => {
    const out: AgentReport = {
      ...report,
      packages: dedupePackages(report.packages),
      packageManager: resolvePackageManager(packageManager ?? undefined, report.osType),
    };
    if (report.repositories) out.repositories = dedupeRepositories(report.repositories);
    else delete out.repositories;
    // Keep "absent" absent so ingestion leaves the stored value alone.
    for (const [field, value] of Object.entries(out)) {
      if (value === undefined) delete (out as Record<string, unknown>)[field];
    }
    return out;
  });

/** Validation issues as `{path, message}` ("packages.3.name"; "body" for the whole body), at most 100. */
export function reportIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join(".") : "body",
    message: issue.message,
  }));
  if (error.issues.length > MAX_ISSUES)
    issues.push({ path: "body", message: `${error.issues.length - MAX_ISSUES} more issues not listed` });
  return issues;
}
