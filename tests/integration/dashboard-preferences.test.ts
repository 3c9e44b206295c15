// A user's dashboard layout: saved and loaded per user, cleaned of unknown or duplicate ids, and
// never showing a card the user's role may not see.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getDashboardLayout, upsertDashboardLayout } from "@/db/queries/dashboard";
import { roles } from "@/db/schema";
import { CARD_IDS } from "@/lib/dashboard/cards";
import {
  dashboardLayoutSchema,
  getDashboardLayoutFor,
  resetDashboardLayoutFor,
  saveDashboardLayoutFor,
} from "@/lib/dashboard/preferences";
import { signedInUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";

const ids = (cards: { id: string }[]) => cards.map((card) => card.id);

describe("dashboard preferences", () => {
  useMigratedDatabase();

  it("defaults to every card, visible, stats small and charts larger, for an administrator", async () => {
    const { actor } = await signedInUser("admin");
    const layout = await getDashboardLayoutFor(actor);
    expect(ids(layout)).toEqual(CARD_IDS);
    expect(layout.every((card) => card.visible)).toBe(true);
    const sizes = Object.fromEntries(layout.map((card) => [card.id, card.size]));
    expect(sizes).toMatchObject({ "total-hosts": "sm", "os-distribution": "md", "recent-reports": "lg" });
  });

  it("leaves the users card out of a read-only user's default", async () => {
    const { actor } = await signedInUser("readonly");
    const layout = await getDashboardLayoutFor(actor);
    expect(ids(layout)).not.toContain("users");
    expect(ids(layout)).toEqual(CARD_IDS.filter((id) => id !== "users"));
  });

  it("saves and loads the order, visibility and size for that user only", async () => {
    const { actor } = await signedInUser("admin");
    const other = await signedInUser("admin");
    const saved = await saveDashboardLayoutFor(actor, {
      cards: [
        { id: "security-updates", visible: true, size: "lg" },
        { id: "total-hosts", visible: false },
        { id: "users", visible: true, size: "md" },
      ],
    });
    const loaded = await getDashboardLayoutFor(actor);
    expect(loaded).toEqual(saved);
    expect(loaded.slice(0, 3)).toEqual([
      { id: "security-updates", visible: true, size: "lg" },
      { id: "total-hosts", visible: false, size: "sm" },
      { id: "users", visible: true, size: "md" },
    ]);
    // Cards not mentioned follow in their default order, so the layout stays complete.
    expect(ids(loaded).sort()).toEqual([...CARD_IDS].sort());
    expect(ids(await getDashboardLayoutFor(other.actor))).toEqual(CARD_IDS);
  });

  it("drops unknown ids and rejects duplicates and unknown sizes", async () => {
    const { actor, userId } = await signedInUser("admin");
    const saved = await saveDashboardLayoutFor(actor, {
      cards: [
        { id: "no-such-card", visible: true },
        { id: "pending", visible: false, size: "md" },
      ],
    });
    expect(ids(saved)).not.toContain("no-such-card");
    expect(saved[0]).toEqual({ id: "pending", visible: false, size: "md" });
    const stored = (await getDashboardLayout(userId)) as { cards: { id: string }[] };
    expect(ids(stored.cards)).not.toContain("no-such-card");

    const duplicate = {
      cards: [
        { id: "pending", visible: true },
        { id: "pending", visible: false },
      ],
    };
    expect(dashboardLayoutSchema.safeParse(duplicate).success).toBe(false);
    await expect(saveDashboardLayoutFor(actor, duplicate)).rejects.toThrow();
    const badSize = { cards: [{ id: "pending", visible: true, size: "xl" }] };
    expect(dashboardLayoutSchema.safeParse(badSize).success).toBe(false);
  });

  it("cleans a stored layout with junk, duplicates and a card the role may not see", async () => {
    const { actor, userId } = await signedInUser("readonly");
    await upsertDashboardLayout(userId, {
      cards: [
        { id: "users", visible: true, size: "lg" },
        { id: "ghost", visible: true },
        { id: "repositories", visible: false, size: "huge" },
        { id: "host-groups", visible: true, size: "md" },
        { id: "host-groups", visible: false, size: "sm" },
      ],
    });
    const layout = await getDashboardLayoutFor(actor);
    expect(ids(layout)).not.toContain("users");
    expect(ids(layout)).not.toContain("ghost");
    expect(layout[0]).toEqual({ id: "host-groups", visible: true, size: "md" });
    expect(layout.filter((card) => card.id === "host-groups")).toHaveLength(1);
    expect(ids(layout).sort()).toEqual(CARD_IDS.filter((id) => id !== "users").sort());
  });

  it("never gives the recent reports card to a role that may not see hosts, whatever is stored", async () => {
    const name = `dash-only-${randomUUID().slice(0, 8)}`;
    await getDb().insert(roles).values({ name, canViewDashboard: true });
    const { actor, userId } = await signedInUser(name);
    expect(ids(await getDashboardLayoutFor(actor))).not.toContain("recent-reports");
    await upsertDashboardLayout(userId, { cards: [{ id: "recent-reports", visible: true, size: "lg" }] });
    const layout = await getDashboardLayoutFor(actor);
    expect(ids(layout)).not.toContain("recent-reports");
    expect(ids(layout)).toContain("os-distribution");
  });

  it("reset forgets the stored layout and returns the default", async () => {
    const { actor, userId } = await signedInUser("user");
    await saveDashboardLayoutFor(actor, { cards: [{ id: "total-hosts", visible: false, size: "lg" }] });
    const reset = await resetDashboardLayoutFor(actor);
    expect(await getDashboardLayout(userId)).toBeUndefined();
    expect(await getDashboardLayoutFor(actor)).toEqual(reset);
    expect(reset[0]).toEqual({ id: "total-hosts", visible: true, size: "sm" });
  });
});
