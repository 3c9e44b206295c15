import { getDb, type Transaction } from "@/db/client";

export type { Transaction };

/** Runs `work` in one database transaction: all of its statements commit together or not at all. */
export function withTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return getDb().transaction(work);
}
