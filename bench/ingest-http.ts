// HTTP ingestion benchmark against the built server and local PostgreSQL (a script, not a test):
//   npm run build   # once, so that .next/ and dist/cli.mjs match the code
//   npx tsx bench/ingest-http.ts
// Environment (all optional): DATABASE_URL (admin URL of the PostgreSQL server, default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_HOSTS (1000), BENCH_PACKAGES (2000),
// BENCH_AGENTS (8), BENCH_SECONDS (30), BENCH_PORT (3390), BENCH_PROFILE (a directory: profile the server
// with node --cpu-prof; open the .cpuprofile files in Chrome DevTools).
//
// What it does, all on loopback: creates the database `patchmon_bench_http`, migrates it with
// `node dist/cli.mjs migrate`, enrols BENCH_HOSTS hosts directly in the database with known API keys
// (hashed by lib/agent/credentials.ts, as host:create does), starts `next start` on BENCH_PORT
// (no Redis, LOG_LEVEL=warn, agent rate limit out of the way), sends every host a first full report
// (the warm-up, timed), settles (folds the warm-up's package_stats deltas, vacuum analyze,
// checkpoint), then runs BENCH_AGENTS concurrent agent loops for BENCH_SECONDS, cycling through the
// hosts; each request is a FULL report (never the packagesUnchanged shortcut) in which 1% of the
// host's packages differ from its previous report. It prints reports/s, client-side latency
// percentiles, errors by status and CPU figures, then stops the server and drops the database (also
// on failure or Ctrl-C). BENCH_PG_STATS=1 adds PostgreSQL's time per statement (pg_stat_statements).
// BENCH_REDIS_URL=redis://127.0.0.1:6379/12 runs the production topology instead: the server with
// Redis (rate limits there) plus `node dist/worker.mjs`, which runs the alert evaluations; that Redis
// database is flushed before and after, and the worker's and Redis's CPU are counted too.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { foldPackageStatDeltas } from "@/db/queries/package-stats";
import { generateApiId, generateSecret, hashSecret } from "@/lib/agent/credentials";

const HOSTS = Number(process.env.BENCH_HOSTS ?? 1000);
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 2000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const CHANGE_SHARE = 0.01;
const MAX_REQUESTS = 200_000; // hard bound on the measured phase, whatever the duration
const REQUEST_TIMEOUT_MS = 30_000;
const DB_NAME = "patchmon_bench_http";
const JWT_SECRET = "bench-only-secret-0123456789abcdef0123456789abcdef";
const BASE_URL = `http://127.0.0.1:${PORT}`;

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const benchUrlObject = new URL(adminUrl);
benchUrlObject.pathname = `/${DB_NAME}`;
const benchUrl = benchUrlObject.toString();
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(benchUrlObject.hostname)) {
  throw new Error(`loopback only: DATABASE_URL points at ${benchUrlObject.hostname}`);
}

// ---------------------------------------------------------------------------------------------
// Deterministic data: a seeded PRNG, apt-like package names and Debian version strings.
function prng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

const STEMS = (
  "acl adduser apparmor apt attr audit avahi base bash bind9 binutils bsdutils bzip2 ca-certificates " +
  "cairo cpio cron curl cyrus-sasl2 dbus debconf debianutils diffutils dirmngr dmidecode dpkg e2fsprogs " +
  "elfutils expat file findutils fontconfig freetype gawk gcc-12 gdbm gettext glib2.0 glibc gmp gnupg2 " +
  "gnutls28 gpgme1.0 grep groff grub2 gzip harfbuzz hostname icu ifupdown init-system-helpers iproute2 " +
  "iptables iputils isc-dhcp jansson jq json-c kbd keyutils kmod krb5 less libbsd libcap2 libcap-ng " +
  "libedit libevent libffi libgcrypt20 libgpg-error libidn2 libjpeg-turbo libksba libmd libnftnl " +
  "libnl3 libpng1.6 libpsl libseccomp libselinux libsemanage libsepol libssh2 libtasn1-6 libtirpc " +
  "libunistring libx11 libxau libxcb libxdmcp libxext libxml2 libxrender libxslt libyaml libzstd " +
  "linux logrotate lsb lvm2 lz4 m4 make-dfsg man-db mawk mime-support ncurses netbase nettle " +
  "nftables nghttp2 nginx nodejs nspr nss ntpsec openldap openssh openssl p11-kit pam pango1.0 " +
  "patch pcre2 perl pinentry pixman procps psmisc python3.11 python3-defaults readline rsync rsyslog " +
  "rtmpdump sed sensible-utils shadow sqlite3 sudo systemd sysvinit tar tcl8.6 tiff tzdata ucf " +
  "unattended-upgrades usrmerge util-linux vim wget xz-utils zlib postgresql-15 redis mariadb-10.11 " +
  "php8.2 ruby3.1 golang-1.19 openjdk-17 git subversion mercurial imagemagick ghostscript poppler " +
  "cups sane-backends pulseaudio alsa-lib mesa llvm-toolchain-15 wayland gtk+3.0 qtbase-opensource-src"
).split(/\s+/);
const FLAVOURS = [
  (s: string) => s,
  (s: string) => `lib${s.replace(/^lib/, "")}`,
  (s: string) => `lib${s.replace(/^lib/, "")}-dev`,
  (s: string) => `${s}-common`,
  (s: string) => `${s}-data`,
  (s: string) => `${s}-doc`,
  (s: string) => `lib${s.replace(/^lib/, "")}:amd64`,
  (s: string) => `python3-${s.replace(/^lib/, "")}`,
  (s: string) => `${s}-utils`,
  (s: string) => `lib${s.replace(/^lib/, "")}-bin`,
  (s: string) => `golang-${s.replace(/^lib/, "")}-dev`,
  (s: string) => `node-${s.replace(/^lib/, "")}`,
  (s: string) => `ruby-${s.replace(/^lib/, "")}`,
  (s: string) => `r-cran-${s.replace(/^lib/, "")}`,
  (s: string) => `${s}-dbgsym`,
  (s: string) => `lib${s.replace(/^lib/, "")}-perl`,
  (s: string) => `fonts-${s.replace(/^lib/, "")}`,
  (s: string) => `${s}-l10n`,
  (s: string) => `gir1.2-${s.replace(/^lib/, "")}`,
  (s: string) => `${s}-plugins`,
];
/** A pool of unique apt-like names, larger than one host's inventory; hosts share most of them. */
const NAME_POOL = (() => {
  const names = new Set<string>();
  for (const flavour of FLAVOURS) for (const stem of STEMS) names.add(flavour(stem));
  return [...names];
})();
if (NAME_POOL.length < PACKAGES * 1.2) throw new Error(`name pool too small (${NAME_POOL.length})`);

type Pkg = {
  name: string;
  currentVersion: string;
  availableVersion?: string;
  needsUpdate: boolean;
  isSecurityUpdate: boolean;
};

function debianVersion(random: () => number): string {
  const epoch = random() < 0.08 ? `${1 + Math.floor(random() * 2)}:` : "";
  const upstream = `${Math.floor(random() * 12)}.${Math.floor(random() * 40)}${random() < 0.6 ? `.${Math.floor(random() * 20)}` : ""}`;
  const revision = 1 + Math.floor(random() * 9);
  const suffix = [
    "",
    "+b1",
    "+b2",
    `+deb12u${1 + Math.floor(random() * 9)}`,
    `~deb12u${1 + Math.floor(random() * 3)}`,
  ][Math.floor(random() * 5)];
  return `${epoch}${upstream}-${revision}${suffix}`;
}
function newerVersion(version: string, security: boolean, bump: number): string {
  return security ? `${version}+deb12u${bump}` : `${version}.${bump}`;
}

/** A host's inventory: 85% names every host has, 15% host-specific picks; ~10% pending, a third security. */
function inventory(hostIndex: number): Pkg[] {
  const random = prng(hostIndex * 7919 + 17);
  const core = Math.floor(PACKAGES * 0.85);
  const names = NAME_POOL.slice(0, core);
  const rest = NAME_POOL.slice(core);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j] as string, rest[i] as string];
  }
  names.push(...rest.slice(0, PACKAGES - core));
  names.sort();
  return names.map((name) => {
    const currentVersion = debianVersion(random);
    const pending = random() < 0.1;
    const security = pending && random() < 1 / 3;
    return pending
      ? {
          name,
          currentVersion,
          availableVersion: newerVersion(currentVersion, security, 1),
          needsUpdate: true,
          isSecurityUpdate: security,
        }
      : { name, currentVersion, availableVersion: "", needsUpdate: false, isSecurityUpdate: false };
  });
}

/**
 * 1% of the packages change, as between two real runs: half of the changes apply a pending update
 * (current = available, nothing pending), half make a new update appear. The pending share stays ~10%.
 */
function mutate(packages: Pkg[], random: () => number, round: number): void {
  const changes = Math.max(1, Math.round(packages.length * CHANGE_SHARE));
  const touched = new Set<number>();
  while (touched.size < changes) touched.add(Math.floor(random() * packages.length));
  for (const index of touched) {
    const p = packages[index] as Pkg;
    if (p.needsUpdate) {
      packages[index] = {
        ...p,
        currentVersion: p.availableVersion as string,
        availableVersion: "",
        needsUpdate: false,
        isSecurityUpdate: false,
      };
    } else {
      const security = random() < 1 / 3;
      packages[index] = {
        ...p,
        availableVersion: newerVersion(p.currentVersion, security, round + 1),
        needsUpdate: true,
        isSecurityUpdate: security,
      };
    }
  }
}

const REPOSITORIES = [
  {
    name: "debian",
    url: "http://deb.debian.org/debian",
    distribution: "bookworm",
    components: "main",
    repoType: "deb",
    isEnabled: true,
    isSecure: false,
  },
  {
    name: "debian-updates",
    url: "http://deb.debian.org/debian",
    distribution: "bookworm-updates",
    components: "main",
    repoType: "deb",
    isEnabled: true,
    isSecure: false,
  },
  {
    name: "debian-security",
    url: "https://security.debian.org/debian-security",
    distribution: "bookworm-security",
    components: "main",
    repoType: "deb",
    isEnabled: true,
    isSecure: true,
  },
];

type Host = {
  index: number;
  apiId: string;
  apiKey: string;
  packages: Pkg[];
  random: () => number;
  round: number;
};

// Each package's JSON is kept until the package changes (mutate() replaces the object), so that a
// request costs this process a join of cached strings rather than a JSON.stringify of 2,000 objects:
// the agents are elsewhere in reality, and their CPU here competes with the server's.
const packageJson = new WeakMap<Pkg, string>();
function packageFragment(p: Pkg): string {
  let json = packageJson.get(p);
  if (json === undefined) {
    json = JSON.stringify(p);
    packageJson.set(p, json);
  }
  return json;
}

function reportBody(host: Host): string {
  const facts = JSON.stringify({
    repositories: REPOSITORIES,
    osType: "debian",
    osVersion: "12",
    hostname: `bench-${host.index}.example.internal`,
    ip: `10.${(host.index >> 8) & 255}.${host.index & 255}.10`,
    architecture: "x86_64",
    agentVersion: "1.4.0",
    machineId: createHash("md5").update(host.apiId).digest("hex"),
    kernelVersion: "6.1.0-26-amd64",
    installedKernelVersion: "6.1.0-28-amd64",
    selinuxStatus: "disabled",
    systemUptime: "12 days, 3:04",
    loadAverage: [0.12, 0.08, 0.01],
    needsReboot: true,
    rebootReason: "kernel 6.1.0-28-amd64 installed, 6.1.0-26-amd64 running",
    cpuModel: "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz",
    cpuCores: 4,
    ramInstalled: 7.7,
    swapSize: 1,
    diskDetails: [{ name: "/dev/sda1", size: "50G", mountpoint: "/" }],
    gatewayIp: "10.0.0.1",
    dnsServers: ["10.0.0.1"],
    networkInterfaces: [
      { name: "eth0", type: "ethernet", addresses: [{ address: "10.0.0.10", family: "inet" }] },
    ],
    executionTime: 4.2,
    packageManager: "apt",
    // The agent's hash of its list: a changing token is enough, the server only stores it.
    packagesHash: `bench-${host.index}-${host.round}`,
  });
  return `{"packages":[${host.packages.map(packageFragment).join(",")}],${facts.slice(1)}`;
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers.
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
function latencyLine(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / (samples.length || 1);
  return `p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? Number.NaN)}  mean ${fmt(mean)}`;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux
/** CPU seconds (user + system) of processes in a process group, or named `comm`, from /proc. */
function cpuSecondsOf(match: (stat: { comm: string; pgrp: number }) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" "); // fields[0] = state (field 3)
      const pgrp = Number(fields[2]);
      if (match({ comm, pgrp })) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process exited meanwhile
    }
  }
  return ticks / CLOCK_TICKS;
}
/** Busy and total jiffies of the whole machine (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}
type CpuSnapshot = {
  server: number;
  postgres: number;
  client: number;
  /** The worker process and redis-server (BENCH_REDIS_URL only). */
  worker: number;
  redis: number;
  machine: { busy: number; total: number };
};

// ---------------------------------------------------------------------------------------------
let server: ChildProcess | undefined;
let worker: ChildProcess | undefined;
const serverOutput: string[] = [];
const REDIS_URL = process.env.BENCH_REDIS_URL;
let dataDir: string | undefined;

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["dist/cli.mjs", ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`dist/cli.mjs ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) break;
    try {
      const response = await fetch(`${BASE_URL}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not become healthy on ${BASE_URL}:\n${serverOutput.join("").slice(-4000)}`);
}

async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  await stopGroup(child);
}

async function stopWorker(): Promise<void> {
  const child = worker;
  worker = undefined;
  await stopGroup(child);
}

async function flushRedis(url: string): Promise<void> {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM"); // the group we created (npx and next below it)
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

type Outcome = { ms: number; status: string };
// node:http with keep-alive rather than fetch: a fraction of fetch's CPU per request, which this
// process would otherwise take from the server it measures.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: AGENTS });

function post(host: Host, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${BASE_URL}/api/v1/hosts/update`,
      {
        method: "POST",
        agent: httpAgent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-api-id": host.apiId,
          "x-api-key": host.apiKey,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () =>
      request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })),
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function send(host: Host): Promise<Outcome> {
  const body = reportBody(host);
  const start = performance.now();
  try {
    const response = await post(host, body);
    let answer: { packagesProcessed?: number } | null = null;
    try {
      answer = JSON.parse(response.text) as { packagesProcessed?: number };
    } catch {
      answer = null;
    }
    const ms = performance.now() - start;
    if (response.status === 200 && answer?.packagesProcessed !== host.packages.length) {
      return { ms, status: "200-wrong-count" };
    }
    return { ms, status: String(response.status) };
  } catch (error) {
    const name = (error as { code?: string }).code ?? (error as Error).name;
    return { ms: performance.now() - start, status: `error:${name}` };
  }
}

/** `AGENTS` loops take hosts from a shared cursor, so no two loops ever report the same host at once. */
async function runLoops(
  hosts: Host[],
  stopWhen: (sent: number, elapsedMs: number) => boolean,
  beforeSend: (host: Host) => void,
): Promise<{ outcomes: Outcome[]; elapsedMs: number }> {
  const outcomes: Outcome[] = [];
  let cursor = 0;
  const start = performance.now();
  const loop = async () => {
    while (!stopWhen(cursor, performance.now() - start)) {
      const host = hosts[cursor % hosts.length] as Host;
      cursor++;
      beforeSend(host);
      outcomes.push(await send(host));
    }
  };
  await Promise.all(Array.from({ length: AGENTS }, loop));
  return { outcomes, elapsedMs: performance.now() - start };
}

function statusCounts(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  return [...counts.entries()].map(([status, n]) => `${status}: ${n}`).join(", ");
}

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let bench: postgres.Sql | undefined;
  const cleanup = async () => {
    await stopServer();
    await stopWorker();
    if (REDIS_URL) await flushRedis(REDIS_URL).catch(() => {});
    await bench?.end({ timeout: 5 }).catch(() => {});
    await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`).catch((error) => {
      console.error(`could not drop ${DB_NAME}:`, error);
    });
    await admin.end({ timeout: 5 }).catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    console.error("\ninterrupted: cleaning up");
    cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const loadBefore = os.loadavg();
    await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    await admin.unsafe(`create database ${DB_NAME}`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "patchmon-bench-http-"));
    // Redis only with BENCH_REDIS_URL, whatever the caller's environment says.
    const { REDIS_URL: _url, REDIS_HOST: _host, ...inherited } = process.env;
    if (REDIS_URL) await flushRedis(REDIS_URL);
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      ...(REDIS_URL ? { REDIS_URL } : {}),
      NODE_ENV: "production",
      DATABASE_URL: benchUrl,
      JWT_SECRET,
      PATCHMON_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      PM_LOG_TO_CONSOLE: "true",
      AGENT_RATE_LIMIT_MAX: "100000000",
    };
    let t = performance.now();
    await runCli(["migrate"], env);
    console.log(`migrated ${DB_NAME} in ${fmt(performance.now() - t)}`);

    // Enrol the hosts as host:create would: API id + SHA-256 of the key (lib/agent/credentials.ts).
    bench = postgres(benchUrl, { max: 2, onnotice: () => {} });
    t = performance.now();
    const hosts: Host[] = Array.from({ length: HOSTS }, (_, index) => ({
      index,
      apiId: generateApiId(),
      apiKey: generateSecret(),
      packages: inventory(index),
      random: prng(index * 104_729 + 3),
      round: 0,
    }));
    const rows = hosts.map((h) => ({
      api_id: h.apiId,
      api_key_hash: hashSecret(h.apiKey),
      friendly_name: `bench-${h.index}`,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await bench`insert into hosts ${bench(rows.slice(i, i + 500))}`;
    console.log(`enrolled ${HOSTS} hosts and generated their inventories in ${fmt(performance.now() - t)}`);

    // BENCH_PROFILE=<dir>: run next under `node --cpu-prof` (a .cpuprofile per process, written at exit).
    const profileDir = process.env.BENCH_PROFILE;
    const nextArgs = ["start", "-p", String(PORT), "-H", "127.0.0.1"];
    server = spawn(
      profileDir ? process.execPath : "npx",
      profileDir
        ? [
            "--cpu-prof",
            `--cpu-prof-dir=${path.resolve(profileDir)}`,
            "node_modules/next/dist/bin/next",
            ...nextArgs,
          ]
        : ["next", ...nextArgs],
      {
        env,
        detached: true, // its own process group: stopped as a group, and measured as one
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const keep = (chunk: Buffer) => {
      serverOutput.push(chunk.toString());
      if (serverOutput.length > 200) serverOutput.shift();
    };
    server.stdout?.on("data", keep);
    server.stderr?.on("data", keep);
    t = performance.now();
    await waitForHealth(90_000);
    console.log(`server healthy on ${BASE_URL} after ${fmt(performance.now() - t)}`);
    if (REDIS_URL) {
      worker = spawn(process.execPath, ["dist/worker.mjs"], {
        env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      worker.stdout?.on("data", keep);
      worker.stderr?.on("data", keep);
    }
    const serverGroup = server.pid as number;
    const workerGroup = worker?.pid ?? -1;
    const snapshot = (): CpuSnapshot => {
      const usage = process.cpuUsage();
      return {
        server: cpuSecondsOf((s) => s.pgrp === serverGroup),
        postgres: cpuSecondsOf((s) => s.comm === "postgres"),
        client: (usage.user + usage.system) / 1e6,
        worker: REDIS_URL ? cpuSecondsOf((s) => s.pgrp === workerGroup) : 0,
        redis: REDIS_URL ? cpuSecondsOf((s) => s.comm === "redis-server") : 0,
        machine: machineTicks(),
      };
    };
    const cpuLine = (a: CpuSnapshot, b: CpuSnapshot, reports: number) => {
      const per = (seconds: number) => `${((seconds * 1000) / Math.max(1, reports)).toFixed(1)} ms`;
      const busy = (b.machine.busy - a.machine.busy) / Math.max(1, b.machine.total - a.machine.total);
      const workerPart = REDIS_URL
        ? `worker ${per(b.worker - a.worker)}, Redis ${per(b.redis - a.redis)}, `
        : "";
      return (
        `CPU per report: server (next) ${per(b.server - a.server)}, ${workerPart}PostgreSQL ${per(b.postgres - a.postgres)}, ` +
        `this client ${per(b.client - a.client)}; machine busy ${(busy * 100).toFixed(0)}% of ${os.cpus().length} cores`
      );
    };

    // Warm-up: every host's first full report, same concurrency (also warms the server's JIT).
    let before = snapshot();
    const warm = await runLoops(
      hosts,
      (sent) => sent >= hosts.length,
      () => {},
    );
    let after = snapshot();
    const warmOk = warm.outcomes.filter((o) => o.status === "200").length;
    const warmLine = cpuLine(before, after, warm.outcomes.length);
    if (warmOk !== hosts.length) {
      throw new Error(
        `warm-up: ${hosts.length - warmOk} first reports failed (${statusCounts(warm.outcomes)})`,
      );
    }

    // Settle: the warm-up's aftermath is not steady state. Its 2,000,000 inserted rows left as many
    // package_stats deltas (folded by a minute job) and tables autovacuum would otherwise analyse
    // and vacuum during the measured phase; do that work now, outside the measurement.
    t = performance.now();
    // A client of its own: drizzle changes the type handling of the client it wraps.
    const foldClient = postgres(benchUrl, { max: 1, onnotice: () => {} });
    const folded = await foldPackageStatDeltas(50_000, drizzle(foldClient)).finally(() =>
      foldClient.end({ timeout: 5 }),
    );
    await bench.unsafe("vacuum (analyze)");
    // CHECKPOINT needs a superuser (or pg_checkpoint); without it the measured phase may meet one.
    await bench.unsafe("checkpoint").catch(() => console.log("(no CHECKPOINT: the role may not run it)"));
    const settleLine =
      `settled in ${fmt(performance.now() - t)}: folded ${folded.deltas} package_stats deltas, ` +
      "vacuum (analyze), checkpoint";

    // BENCH_PG_STATS=1: PostgreSQL's time per statement in the measured phase (needs pg_stat_statements
    // in shared_preload_libraries; the statistics of the whole server are reset here).
    const pgStats = process.env.BENCH_PG_STATS === "1";
    if (pgStats) {
      await bench.unsafe("create extension if not exists pg_stat_statements");
      await bench.unsafe("select pg_stat_statements_reset()");
    }

    // Measured phase: full reports, 1% changed against each host's previous report.
    const phaseStart = new Date();
    before = snapshot();
    const run = await runLoops(
      hosts,
      (sent, elapsed) => elapsed >= SECONDS * 1000 || sent >= MAX_REQUESTS,
      (host) => {
        host.round++;
        mutate(host.packages, host.random, host.round);
      },
    );
    after = snapshot();
    const loadAfter = os.loadavg();
    const [stored] = (await bench`
      select count(*)::int as reports, (count(*) filter (where status = 'success'))::int as success,
             (select count(*)::int from host_packages) as host_packages,
             (select count(*)::int from packages) as catalogue
      from reports where created_at >= ${phaseStart}`) as unknown as [
      { reports: number; success: number; host_packages: number; catalogue: number },
    ];
    const [{ version }] = (await bench`select current_setting('server_version') as version`) as unknown as [
      { version: string },
    ];

    const ok = run.outcomes.filter((o) => o.status === "200");
    const cpus = os.cpus();
    console.log("\nPatchMon HTTP ingestion benchmark (POST /api/v1/hosts/update, next start, loopback)");
    console.log(
      `machine: ${cpus.length} cores (${cpus[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `Node ${process.version}, PostgreSQL ${version}`,
    );
    console.log(
      `load average before: ${loadBefore.map((l) => l.toFixed(2)).join(" ")}   after: ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`,
    );
    console.log(
      `setup: ${HOSTS} hosts x ${PACKAGES} packages (~10% upgradable, a third of those security), ` +
        `${AGENTS} concurrent agents, server and PostgreSQL on this machine, ` +
        `${REDIS_URL ? "Redis and a worker process (alert evaluations)" : "no Redis (alert evaluations in the server)"}, LOG_LEVEL=warn`,
    );
    console.log(
      "how: client wall clock per request (node:http keep-alive, until the JSON answer is read; body\n" +
        "     building excluded; each package's JSON is cached until it changes),\n" +
        "     reports/s = 200 answers / wall time of the phase; CPU from /proc (server process group, all\n" +
        "     postgres processes, this process) divided by the requests of the phase.\n",
    );
    console.log(
      `warm-up, first full report of each host: ${warm.outcomes.length} in ${(warm.elapsedMs / 1000).toFixed(1)} s = ` +
        `${((warmOk * 1000) / warm.elapsedMs).toFixed(1)} reports/s`,
    );
    console.log(`  latency ${latencyLine(warm.outcomes.map((o) => o.ms))}`);
    console.log(`  ${warmLine}`);
    console.log(settleLine);
    console.log(
      `\nfull reports, 1% changed (${Math.round(PACKAGES * CHANGE_SHARE)} packages), ${SECONDS} s: ` +
        `${run.outcomes.length} requests, ${ok.length} OK in ${(run.elapsedMs / 1000).toFixed(1)} s`,
    );
    console.log(`  throughput ${((ok.length * 1000) / run.elapsedMs).toFixed(1)} reports/s (target >= 100)`);
    console.log(`  latency ${latencyLine(run.outcomes.map((o) => o.ms))}`);
    console.log(`  status: ${statusCounts(run.outcomes)}`);
    console.log(`  ${cpuLine(before, after, run.outcomes.length)}`);
    console.log(
      `  stored: ${stored.reports} history rows of this phase (${stored.success} success); ` +
        `${stored.host_packages} host_packages rows, ${stored.catalogue} catalogue packages`,
    );
    if (pgStats) {
      const statements = (await bench`
        select calls, total_exec_time + total_plan_time as ms, rows,
               left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
        from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
        order by ms desc limit 15`) as unknown as Array<{
        calls: number;
        ms: number;
        rows: number;
        query: string;
      }>;
      console.log(
        "\nPostgreSQL time by statement, measured phase (pg_stat_statements: calls, ms, ms per call):",
      );
      for (const s of statements)
        console.log(
          `  ${String(s.calls).padStart(6)} ${s.ms.toFixed(0).padStart(7)} ${(s.ms / Math.max(1, s.calls)).toFixed(3).padStart(8)}  ${s.query}`,
        );
    }
    if (ok.length !== run.outcomes.length) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
