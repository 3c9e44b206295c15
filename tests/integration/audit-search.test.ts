// The audit log's search also finds names kept in an entry's details.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditEntries } from "@/db/queries/audit";
import { audit } from "@/lib/audit";
import { useMigratedDatabase } from "../support/database";

describe("audit log search", () => {
  useMigratedDatabase();

  it("matches the actor, the action and the details, with LIKE wildcards taken literally", async () => {
    const subject = `carol_${randomUUID().slice(0, 6)}`;
    await audit({
      action: "user.disabled",
      actor: { userId: null, label: "system" },
      target: { type: "user", id: randomUUID() },
      details: { username: subject },
    });
    const found = await listAuditEntries({ search: subject }, { limit: 10, offset: 0 });
    expect(found.total).toBe(1);
    expect(found.rows[0]?.details).toEqual({ username: subject });
    const wildcard = await listAuditEntries(
      { search: `carol%${subject.slice(6)}` },
      { limit: 10, offset: 0 },
    );
    expect(wildcard.total).toBe(0);
  });
});
