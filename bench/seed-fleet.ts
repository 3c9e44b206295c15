// Builds a realistic fleet in a PostgreSQL database for the page benchmark (a script, not a test):
//   npx tsx bench/seed-fleet.ts --database-url postgres://postgres@127.0.0.1:5432/patchmon_fleet \
//     [--hosts 10000] [--packages 1500] [--concurrency 8] [--seed 1]
// The database is created when missing (an existing one must hold no hosts), migrated with
// db/migrate.ts prepareDatabase(), and filled through the ingestion code (lib/agent/ingest.ts
// ingestReport, the function behind POST /api/v1/hosts/update): 6 distros with their package
// managers, ~--packages packages per host from a per-distro pool, ~8% of them upgradable, security
// updates on 5% of the hosts, 10 host groups. It is left in place for bench/pages.ts; drop it after.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import type { AgentPackage, AgentReport, AgentRepository } from "@/lib/agent/report-schema";
import { configureDatabase, intOption, machineLine, parseArgs, rng, splitDatabaseUrl } from "./support/cli";

const options = parseArgs(process.argv.slice(2));
const databaseUrl = options.get("database-url") ?? "postgres://postgres@127.0.0.1:5432/patchmon_fleet";
const HOSTS = intOption(options, "hosts", 10_000);
const PACKAGES = intOption(options, "packages", 1500);
const CONCURRENCY = Math.max(1, intOption(options, "concurrency", 8));
const SEED = intOption(options, "seed", 1);
const GROUPS = 10;
configureDatabase(databaseUrl, CONCURRENCY + 4);

type Distro = {
  key: string;
  osType: string;
  osVersion: string;
  packageManager: string;
  kernel: string;
  version: (major: number, minor: number, patch: number) => string;
  prefixes: string[];
  repositories: AgentRepository[];
};

const repo = (
  name: string,
  url: string,
  distribution: string,
  components: string,
  repoType: AgentRepository["repoType"],
): AgentRepository => ({ name, url, distribution, components, repoType, isEnabled: true, isSecure: true });

const DISTROS: Distro[] = [
  {
    key: "deb12",
    osType: "debian",
    osVersion: "12",
    packageManager: "apt",
    kernel: "6.1.0-28-amd64",
    version: (a, b, c) => `${a}.${b}.${c}-1+deb12u1`,
    prefixes: ["lib", "python3-", "perl-", "fonts-", "x11-", "golang-", "node-", ""],
    repositories: [
      repo("debian-bookworm", "http://deb.debian.org/debian", "bookworm", "main", "deb"),
      repo("debian-bookworm-updates", "http://deb.debian.org/debian", "bookworm-updates", "main", "deb"),
      repo(
        "debian-security",
        "http://security.debian.org/debian-security",
        "bookworm-security",
        "main",
        "deb",
      ),
    ],
  },
  {
    key: "ubu2404",
    osType: "ubuntu",
    osVersion: "24.04",
    packageManager: "apt",
    kernel: "6.8.0-49-generic",
    version: (a, b, c) => `${a}.${b}.${c}-1ubuntu0.24.04.1`,
    prefixes: ["lib", "python3-", "gir1.2-", "fonts-", "snapd-", "ubuntu-", ""],
    repositories: [
      repo("ubuntu-noble", "http://archive.ubuntu.com/ubuntu", "noble", "main restricted universe", "deb"),
      repo(
        "ubuntu-noble-updates",
        "http://archive.ubuntu.com/ubuntu",
        "noble-updates",
        "main universe",
        "deb",
      ),
      repo("ubuntu-noble-security", "http://security.ubuntu.com/ubuntu", "noble-security", "main", "deb"),
    ],
  },
  {
    key: "rhel9",
    osType: "rhel",
    osVersion: "9.4",
    packageManager: "dnf",
    kernel: "5.14.0-427.42.1.el9_4.x86_64",
    version: (a, b, c) => `${a}.${b}.${c}-${c + 1}.el9`,
    prefixes: ["", "lib", "python3-", "perl-", "rubygem-", "texlive-"],
    repositories: [
      repo(
        "rhel-9-baseos",
        "https://cdn.redhat.com/content/dist/rhel9/9/x86_64/baseos/os",
        "9",
        "baseos",
        "rpm",
      ),
      repo(
        "rhel-9-appstream",
        "https://cdn.redhat.com/content/dist/rhel9/9/x86_64/appstream/os",
        "9",
        "appstream",
        "rpm",
      ),
    ],
  },
  {
    key: "fc41",
    osType: "fedora",
    osVersion: "41",
    packageManager: "dnf",
    kernel: "6.11.10-300.fc41.x86_64",
    version: (a, b, c) => `${a}.${b}.${c}-${c + 1}.fc41`,
    prefixes: ["", "lib", "python3-", "golang-", "rust-", "perl-"],
    repositories: [
      repo("fedora", "https://mirrors.fedoraproject.org/metalink?repo=fedora-41", "41", "fedora", "rpm"),
      repo(
        "updates",
        "https://mirrors.fedoraproject.org/metalink?repo=updates-released-f41",
        "41",
        "updates",
        "rpm",
      ),
    ],
  },
  {
    key: "sle156",
    osType: "opensuse-leap",
    osVersion: "15.6",
    packageManager: "zypper",
    kernel: "6.4.0-150600.23.25-default",
    version: (a, b, c) => `${a}.${b}.${c}-150600.${c}.1`,
    prefixes: ["", "lib", "python311-", "perl-", "yast2-", "patterns-"],
    repositories: [
      repo(
        "repo-oss",
        "http://download.opensuse.org/distribution/leap/15.6/repo/oss/",
        "15.6",
        "oss",
        "zypper",
      ),
      repo("repo-update", "http://download.opensuse.org/update/leap/15.6/oss/", "15.6", "update", "zypper"),
    ],
  },
  {
    key: "alp320",
    osType: "alpine",
    osVersion: "3.20",
    packageManager: "apk",
    kernel: "6.6.58-0-lts",
    version: (a, b, c) => `${a}.${b}.${c}-r${c % 4}`,
    prefixes: ["", "py3-", "lib", "perl-", "lua5.4-"],
    repositories: [
      repo("alpine-main", "https://dl-cdn.alpinelinux.org/alpine/v3.20/main", "v3.20", "main", "apk"),
      repo(
        "alpine-community",
        "https://dl-cdn.alpinelinux.org/alpine/v3.20/community",
        "v3.20",
        "community",
        "apk",
      ),
    ],
  },
];
const DOCKER_REPO = repo("docker-ce", "https://download.docker.com/linux", "stable", "stable", "deb");

const STEMS = [
  "ssl",
  "curl",
  "xml2",
  "zstd",
  "systemd",
  "glib",
  "krb5",
  "nss",
  "pam",
  "audit",
  "acl",
  "attr",
  "bz2",
  "cap",
  "crypt",
  "db",
  "expat",
  "ffi",
  "gcrypt",
  "gmp",
  "gnutls",
  "idn2",
  "lz4",
  "lzma",
  "mount",
  "ncurses",
  "nettle",
  "pcre2",
  "png",
  "readline",
  "selinux",
  "sqlite",
  "tasn1",
  "tinfo",
  "unistring",
  "uuid",
  "yaml",
  "jansson",
  "json-c",
  "ldap",
  "sasl2",
  "ssh",
  "tirpc",
  "wrap",
];

type PoolEntry = { name: string; major: number; minor: number; patch: number; securityFix: boolean };

/** The distro's package pool: the first 2/3 are on every host, the rest on about half of them. */
function poolOf(distro: Distro, random: () => number): PoolEntry[] {
  const size = Math.round(PACKAGES * (4 / 3));
  return Array.from({ length: size }, (_, i) => ({
    name: `${distro.prefixes[i % distro.prefixes.length]}${STEMS[i % STEMS.length]}${i < STEMS.length ? "" : `-${i}`}`,
    major: 1 + Math.floor(random() * 9),
    minor: Math.floor(random() * 30),
    patch: 1 + Math.floor(random() * 20),
    // Packages with a pending security fix; only the security hosts lag behind on them.
    securityFix: random() < 0.06,
  }));
}

type HostPlan = {
  id: string;
  index: number;
  distro: Distro;
  pool: PoolEntry[];
  security: boolean;
  reports: boolean;
  stale: boolean;
};

function reportOf(plan: HostPlan): AgentReport {
  const random = rng(SEED * 1_000_003 + plan.index);
  const core = Math.round(PACKAGES * (2 / 3));
  const packages: AgentPackage[] = [];
  for (const [i, entry] of plan.pool.entries()) {
    if (i >= core && random() >= 0.5) continue;
    const latest = plan.distro.version(entry.major, entry.minor, entry.patch);
    const pending = entry.securityFix ? plan.security && random() < 0.5 : random() < 0.08;
    packages.push({
      name: entry.name,
      currentVersion: pending ? plan.distro.version(entry.major, entry.minor, entry.patch - 1) : latest,
      availableVersion: pending ? latest : null,
      needsUpdate: pending,
      isSecurityUpdate: pending ? entry.securityFix : false,
      description: null,
      category: null,
    });
  }
  const n = plan.index;
  const arm = n % 10 === 3;
  return {
    packages,
    repositories: n % 5 === 0 ? [...plan.distro.repositories, DOCKER_REPO] : plan.distro.repositories,
    packageManager: plan.distro.packageManager,
    osType: plan.distro.osType,
    osVersion: plan.distro.osVersion,
    hostname: `${plan.distro.key}-${String(n).padStart(5, "0")}.fleet.example`,
    ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    architecture: arm ? "aarch64" : "x86_64",
    agentVersion: n % 7 === 0 ? "1.3.2" : "1.4.0",
    machineId: randomBytes(16).toString("hex"),
    kernelVersion: plan.distro.kernel,
    installedKernelVersion: plan.distro.kernel,
    selinuxStatus:
      plan.distro.osType === "rhel" || plan.distro.osType === "fedora" ? "enforcing" : "disabled",
    systemUptime: `${(n % 90) + 1} days`,
    loadAverage: [0.12, 0.2, 0.18],
    needsReboot: n % 10 === 0,
    rebootReason: n % 10 === 0 ? "kernel update" : null,
    cpuModel: arm ? "Neoverse-N1" : "AMD EPYC 7763 64-Core Processor",
    cpuCores: 2 ** (1 + (n % 4)),
    ramInstalled: 4 * 2 ** (n % 4),
    swapSize: 2,
    diskDetails: [{ name: "/dev/vda1", size: "80G", mountpoint: "/" }],
    gatewayIp: "10.0.0.1",
    dnsServers: ["10.0.0.2", "10.0.0.3"],
    networkInterfaces: [{ name: "eth0", type: "ethernet", status: "up", mtu: 1500, addresses: [] }],
    executionTime: 2.5,
    packagesHash: `seed-${SEED}-${n}`,
  };
}

async function ensureDatabase() {
  const { name, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  const admin = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) {
      await admin.unsafe(`create database "${name}"`);
      console.log(`created database ${name}`);
    } else console.log(`using existing database ${name}`);
  } finally {
    await admin.end();
  }
}

async function main() {
  const started = performance.now();
  console.log(`seed-fleet: ${HOSTS} hosts, ~${PACKAGES} packages each, concurrency ${CONCURRENCY}`);
  console.log(`machine: ${machineLine()}`);
  await ensureDatabase();
  const { prepareDatabase, closeDb } = await import("@/db/migrate");
  try {
    await prepareDatabase();
    const { getDb, getDbHandle } = await import("@/db/client");
    const { hostGroupMemberships, hostGroups, hosts } = await import("@/db/schema");
    const { ingestReport } = await import("@/lib/agent/ingest");
    const { foldPackageStatDeltas } = await import("@/db/queries/package-stats");
    const sql = getDbHandle().postgres;
    if (!sql) throw new Error("seed-fleet needs PostgreSQL");
    const [{ count: existing }] = (await sql`select count(*)::int as count from hosts`) as unknown as [
      { count: number },
    ];
    if (existing > 0) throw new Error(`the database already holds ${existing} hosts; give an empty one`);
    const db = getDb();

    // Host groups and hosts: rows an administrator creates (the UI's createHostFor does the same inserts).
    const groupNames = [
      "Production web",
      "Production db",
      "Staging",
      "Development",
      "CI runners",
      "Edge",
      "Monitoring",
      "Storage",
      "Kubernetes nodes",
      "Office",
    ].slice(0, GROUPS);
    const colours = [
      "#3B82F6",
      "#EF4444",
      "#F59E0B",
      "#10B981",
      "#8B5CF6",
      "#EC4899",
      "#14B8A6",
      "#F97316",
      "#6366F1",
      "#84CC16",
    ];
    const groups = await db
      .insert(hostGroups)
      .values(
        groupNames.map((name, i) => ({ name, color: colours[i] as string, description: `${name} servers` })),
      )
      .returning({ id: hostGroups.id });

    const random = rng(SEED);
    const pools = new Map(DISTROS.map((d) => [d.key, poolOf(d, random)]));
    const plans: HostPlan[] = [];
    const CHUNK = 1000;
    for (let start = 0; start < HOSTS; start += CHUNK) {
      const indexes = Array.from({ length: Math.min(CHUNK, HOSTS - start) }, (_, i) => start + i);
      const rows = await db
        .insert(hosts)
        .values(
          indexes.map((n) => ({
            apiId: `patchmon_${randomBytes(8).toString("hex")}`,
            apiKeyHash: randomBytes(32).toString("hex"),
            friendlyName: `${DISTROS[n % DISTROS.length]?.key}-${String(n).padStart(5, "0")}`,
            notes: n % 25 === 0 ? "Owned by the platform team" : null,
          })),
        )
        .returning({ id: hosts.id });
      const memberships: { hostId: string; hostGroupId: string }[] = [];
      for (const [i, row] of rows.entries()) {
        const n = indexes[i] as number;
        const distro = DISTROS[n % DISTROS.length] as Distro;
        plans.push({
          id: row.id,
          index: n,
          distro,
          pool: pools.get(distro.key) as PoolEntry[],
          security: n % 20 === 7,
          // 1% never report (pending), 3% last reported three days ago (stale/offline).
          reports: n % 100 !== 99,
          stale: n % 100 >= 96 && n % 100 < 99,
        });
        // 5% ungrouped; the rest in one group by a hash of the index, 15% in a second one too.
        if (n % 20 === 11) continue;
        const group = (n * 7 + Math.floor(n / 10)) % GROUPS;
        memberships.push({ hostId: row.id, hostGroupId: (groups[group] as { id: string }).id });
        if (n % 7 === 2)
          memberships.push({
            hostId: row.id,
            hostGroupId: (groups[(group + 3) % GROUPS] as { id: string }).id,
          });
      }
      if (memberships.length > 0) await db.insert(hostGroupMemberships).values(memberships);
    }
    console.log(`hosts and groups inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Every host's first report through ingestReport(), CONCURRENCY at a time (no host twice at once).
    const reporting = plans.filter((p) => p.reports);
    const ingestStart = performance.now();
    let cursor = 0;
    let done = 0;
    let packageRows = 0;
    let lastPrint = performance.now();
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    const worker = async () => {
      for (;;) {
        const plan = reporting[cursor++];
        if (!plan) return;
        const report = reportOf(plan);
        const result = await ingestReport({
          hostId: plan.id,
          report,
          payloadBytes: 150 * report.packages.length,
          receivedAt: plan.stale ? threeDaysAgo : undefined,
        });
        if (result.outcome !== "accepted") throw new Error(`host ${plan.index}: ${result.outcome}`);
        packageRows += report.packages.length;
        done++;
        // The package-stats-fold job runs every minute; about as often here.
        if (done % 1000 === 0) await foldPackageStatDeltas();
        if (performance.now() - lastPrint > 10_000) {
          lastPrint = performance.now();
          const seconds = (lastPrint - ingestStart) / 1000;
          console.log(
            `  ${done}/${reporting.length} reports, ${(done / seconds).toFixed(1)}/s, ${seconds.toFixed(0)} s, ETA ${((reporting.length - done) / (done / seconds)).toFixed(0)} s`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const ingestSeconds = (performance.now() - ingestStart) / 1000;
    console.log(
      `ingested ${done} first reports (${packageRows.toLocaleString("en")} host packages) in ${ingestSeconds.toFixed(1)} s, ${(done / ingestSeconds).toFixed(1)} reports/s`,
    );

    const folded = await foldPackageStatDeltas();
    console.log(`folded the last ${folded.deltas.toLocaleString("en")} package count changes`);

    // Planner statistics as autovacuum would have them after a while.
    const analyzeStart = performance.now();
    await sql`vacuum analyze`;
    console.log(`vacuum analyze ${((performance.now() - analyzeStart) / 1000).toFixed(1)} s`);

    const tables = [
      "hosts",
      "host_groups",
      "host_group_memberships",
      "packages",
      "host_packages",
      "package_stats",
      "package_stat_deltas",
      "repositories",
      "host_repositories",
      "reports",
    ];
    console.log("\nrows created:");
    for (const table of tables) {
      const [{ count }] = (await sql.unsafe(`select count(*)::bigint as count from ${table}`)) as unknown as [
        { count: string },
      ];
      console.log(`  ${table.padEnd(24)} ${Number(count).toLocaleString("en").padStart(12)}`);
    }
    const [{ size }] =
      (await sql`select pg_size_pretty(pg_database_size(current_database())) as size`) as unknown as [
        { size: string },
      ];
    console.log(`  database size            ${size.padStart(12)}`);
    console.log(
      `\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s; machine after: ${machineLine()}`,
    );
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
