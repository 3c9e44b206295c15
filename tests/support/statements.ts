// The SQL statements the application sends while `work` runs (drizzle's query log), in order.
import { observeQueries } from "@/db/client";

export async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const stop = observeQueries((query) => statements.push(query));
  try {
    await work();
  } finally {
    stop();
  }
  return statements;
}
