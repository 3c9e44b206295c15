// Ingestion benchmark against local PostgreSQL (a script, not a test):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/ingest-db.ts
// DATABASE_URL names the server to use (default the URL above); the script creates its own database
// `patchmon_bench` there, migrates it, measures ingestReport() in-process (server side: the SQL and
// its round trips, without HTTP or JSON parsing) and drops the database again.

import { performance } from "node:perf_hooks";
import postgres from "postgres";
import type { AgentPackage } from "@/lib/agent/report-schema";

const HOSTS = Number(process.env.BENCH_HOSTS ?? 60);
const PACKAGES = 2000;
const CHANGED = 20;
const COPY_RUNS = 40;

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const benchUrl = new URL(adminUrl);
benchUrl.pathname = "/patchmon_bench";
process.env.DATABASE_URL = benchUrl.toString();
process.env.JWT_SECRET ??= "bench-only-secret-0123456789abcdef0123456789abcdef";
process.env.LOG_LEVEL = "fatal";
process.env.PM_LOG_TO_CONSOLE = "false";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  console.log(
    `${label.padEnd(44)} n=${String(samples.length).padStart(3)}  p50 ${p50.toFixed(2).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(2).padStart(7)} ms`,
  );
  return p50;
}
async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

type Pkg = AgentPackage;
// A Debian-like inventory: ~10% upgradable, a third of those security updates.
const inventory = (hostIndex: number): Pkg[] =>
  Array.from({ length: PACKAGES }, (_, i) => {
    const pending = (i + hostIndex) % 10 === 0;
    return {
      name: `lib-bench-package-${i}`,
      currentVersion: `1.${i % 50}.${hostIndex % 5}-1+deb12u1`,
      availableVersion: pending ? `1.${i % 50}.${hostIndex % 5}-1+deb12u2` : null,
      needsUpdate: pending,
      isSecurityUpdate: pending ? i % 3 === 0 : false,
      description: null,
      category: null,
    };
  });

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists patchmon_bench with (force)");
  await admin.unsafe("create database patchmon_bench");
  const { prepareDatabase, closeDb } = await import("@/db/migrate");
  try {
    await prepareDatabase();
    const { getDb, getDbHandle } = await import("@/db/client");
    const { hosts } = await import("@/db/schema");
    const { ingestReport } = await import("@/lib/agent/ingest");
    const { agentReportSchema } = await import("@/lib/agent/report-schema");
    const { randomBytes } = await import("node:crypto");

    const hostIds: string[] = [];
    for (let i = 0; i < HOSTS + 1; i++) {
      const [row] = await getDb()
        .insert(hosts)
        .values({
          apiId: `patchmon_${randomBytes(8).toString("hex")}`,
          apiKeyHash: randomBytes(32).toString("hex"),
          friendlyName: `bench-${i}`,
        })
        .returning({ id: hosts.id });
      if (row) hostIds.push(row.id);
    }
    const base = { packageManager: "apt", osType: "debian", hostname: "bench", agentVersion: "1.4.0" };
    const reportOf = (packages: Pkg[], hash: string) => ({ ...base, packages, packagesHash: hash });

    // Host 0 fills the package catalogue first; measured separately (only the first host ever pays it).
    const coldMs = await timed(() =>
      ingestReport({ hostId: hostIds[0] as string, report: reportOf(inventory(0), "h0"), payloadBytes: 0 }),
    );
    const parseMs = await timed(async () =>
      agentReportSchema.parse(JSON.parse(JSON.stringify(reportOf(inventory(0), "h0")))),
    );

    const first: number[] = [];
    const changed: number[] = [];
    const unchanged: number[] = [];
    for (const [index, hostId] of hostIds.slice(1).entries()) {
      const packages = inventory(index + 1);
      first.push(
        await timed(() => ingestReport({ hostId, report: reportOf(packages, "h1"), payloadBytes: 0 })),
      );
    }
    for (const [index, hostId] of hostIds.slice(1).entries()) {
      const packages = inventory(index + 1).map((p, i) =>
        i % (PACKAGES / CHANGED) === 0 ? { ...p, currentVersion: `${p.currentVersion}.1` } : p,
      );
      changed.push(
        await timed(() => ingestReport({ hostId, report: reportOf(packages, "h2"), payloadBytes: 0 })),
      );
    }
    for (const hostId of hostIds.slice(1)) {
      const report = { ...base, packages: [], packagesUnchanged: true, packagesHash: "h2" };
      unchanged.push(await timed(() => ingestReport({ hostId, report, payloadBytes: 0 })));
    }

    // Baseline: COPY of the same 2,000 host_packages rows into an empty table (postgres.js COPY FROM STDIN).
    const sql = getDbHandle().postgres;
    if (!sql) throw new Error("the benchmark needs PostgreSQL (DATABASE_URL)");
    const packageIds = (await sql`select id from packages order by name`).map((r) => r.id as string);
    const rows = inventory(1).map((p, i) =>
      [
        hostIds[1],
        packageIds[i],
        p.currentVersion,
        p.availableVersion ?? "\\N",
        p.needsUpdate ? "t" : "f",
        p.isSecurityUpdate === null ? "\\N" : p.isSecurityUpdate ? "t" : "f",
        p.needsUpdate ? new Date().toISOString() : "\\N",
        new Date().toISOString(),
      ].join("\t"),
    );
    const copyText = `${rows.join("\n")}\n`;
    const copyInto = async (table: string) => {
      const samples: number[] = [];
      for (let run = 0; run < COPY_RUNS; run++) {
        await sql.unsafe(`truncate ${table}`);
        samples.push(
          await timed(async () => {
            const stream = await sql.unsafe(`copy ${table} from stdin`).writable();
            await new Promise<void>((resolve, reject) => {
              stream.on("error", reject);
              stream.on("finish", resolve);
              stream.end(copyText);
            });
          }),
        );
      }
      return samples;
    };
    await sql`create table bench_copy_plain (like host_packages including defaults)`;
    await sql`create table bench_copy_indexed (like host_packages including all)`;
    const copyPlain = await copyInto("bench_copy_plain");
    const copyIndexed = await copyInto("bench_copy_indexed");

    const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [
      { version: string },
    ];
    console.log(
      `\nPatchMon ingestion benchmark: PostgreSQL ${version}, ${HOSTS} hosts x ${PACKAGES} packages`,
    );
    console.log("Timings: wall clock around ingestReport() in this process (all statements + round trips),");
    console.log("sequential, one report at a time; schema parsing and HTTP excluded.\n");
    console.log(`first report ever (fills the package catalogue)   ${coldMs.toFixed(2)} ms`);
    console.log(
      `agentReportSchema.parse of a 2,000-package report ${parseMs.toFixed(2)} ms (not included below)`,
    );
    const firstP50 = summary("first report, 2,000 packages (target <= 60)", first);
    summary(`re-report, ${CHANGED} changed packages (target <= 15)`, changed);
    summary("unchanged (hash) report (target <= 3)", unchanged);
    const copyP50 = summary("COPY 2,000 rows into an empty table, no index", copyPlain);
    const copyIndexedP50 = summary("COPY 2,000 rows, host_packages' indexes", copyIndexed);
    console.log(`\nfirst report / COPY (no index)   = ${(firstP50 / copyP50).toFixed(2)}x (target <= 4x)`);
    console.log(`first report / COPY (same indexes) = ${(firstP50 / copyIndexedP50).toFixed(2)}x`);
  } finally {
    await closeDb();
    await admin.unsafe("drop database if exists patchmon_bench with (force)");
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
