import { type DbKind, getDbHandle } from "@/db/client";

export type DatabaseHealth = { ok: boolean; kind: DbKind; latencyMs?: number; error?: string };

/** One round trip to the database, bounded by timeoutMs. */
export async function checkDatabase(timeoutMs = 3000): Promise<DatabaseHealth> {
  const handle = getDbHandle();
  const started = performance.now();
  try {
    await Promise.race([
      handle.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs).unref()),
    ]);
    return { ok: true, kind: handle.kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, kind: handle.kind, error: error instanceof Error ? error.message : String(error) };
  }
}
