import { describe, expect, it } from "vitest";
import { CARD_IDS, type LayoutCard, moveCard, moveCardBefore, moveCardOnto, moveCardToEnd } from "./cards";

const layout = (ids: string[]): LayoutCard[] => ids.map((id) => ({ id, visible: true, size: "sm" }));
const ids = (cards: LayoutCard[]) => cards.map((card) => card.id);

describe("moveCard", () => {
  it("swaps a card with its neighbour", () => {
    const moved = moveCard(layout(["total-hosts", "up-to-date", "pending"]), 1, -1);
    expect(ids(moved)).toEqual(["up-to-date", "total-hosts", "pending"]);
  });

  it("skips cards of the other section", () => {
    const cards = layout(["total-hosts", "users", "host-groups", "pending"]);
    expect(ids(moveCard(cards, 3, -1))).toEqual(["pending", "users", "host-groups", "total-hosts"]);
    expect(ids(moveCard(cards, 1, 1))).toEqual(["total-hosts", "host-groups", "users", "pending"]);
  });

  it("leaves the first and last card of a section where they are", () => {
    const cards = layout(["total-hosts", "users", "pending"]);
    expect(moveCard(cards, 0, -1)).toBe(cards);
    expect(moveCard(cards, 2, 1)).toBe(cards);
    expect(moveCard(cards, 1, 1)).toBe(cards);
  });

  it("knows every card once", () => {
    expect(new Set(CARD_IDS).size).toBe(CARD_IDS.length);
  });
});

describe("moveCardBefore (drag and drop)", () => {
  const cards = layout(["total-hosts", "users", "up-to-date", "host-groups", "pending"]);

  it("puts the dragged card just before the one it was dropped on", () => {
    expect(ids(moveCardBefore(cards, "pending", "total-hosts"))).toEqual([
      "pending",
      "total-hosts",
      "users",
      "up-to-date",
      "host-groups",
    ]);
    expect(ids(moveCardBefore(cards, "total-hosts", "pending"))).toEqual([
      "users",
      "up-to-date",
      "host-groups",
      "total-hosts",
      "pending",
    ]);
  });

  it("refuses a drop on another section, on itself or on an unknown card", () => {
    expect(moveCardBefore(cards, "pending", "users")).toBe(cards);
    expect(moveCardBefore(cards, "pending", "pending")).toBe(cards);
    expect(moveCardBefore(cards, "nope", "pending")).toBe(cards);
    expect(moveCardBefore(cards, "pending", "os-distribution")).toBe(cards);
  });

  it("moves a card after the last one of its section", () => {
    expect(ids(moveCardToEnd(cards, "total-hosts"))).toEqual([
      "users",
      "up-to-date",
      "host-groups",
      "pending",
      "total-hosts",
    ]);
    expect(ids(moveCardToEnd(cards, "users"))).toEqual([
      "total-hosts",
      "up-to-date",
      "host-groups",
      "users",
      "pending",
    ]);
  });
});

describe("moveCardOnto", () => {
  const cards = layout(["total-hosts", "users", "up-to-date", "host-groups", "pending"]);

  it("dragged up, lands before the target; dragged down, after it", () => {
    expect(ids(moveCardOnto(cards, "pending", "up-to-date"))).toEqual([
      "total-hosts",
      "users",
      "pending",
      "up-to-date",
      "host-groups",
    ]);
    // Just after the target among its own section (cards of other sections keep their places).
    expect(ids(moveCardOnto(cards, "total-hosts", "up-to-date"))).toEqual([
      "users",
      "up-to-date",
      "host-groups",
      "total-hosts",
      "pending",
    ]);
    expect(ids(moveCardOnto(cards, "total-hosts", "pending"))).toEqual([
      "users",
      "up-to-date",
      "host-groups",
      "pending",
      "total-hosts",
    ]);
  });

  it("leaves the list as it is for a drop on itself or on another section", () => {
    expect(moveCardOnto(cards, "users", "users")).toBe(cards);
    expect(moveCardOnto(cards, "total-hosts", "host-groups")).toBe(cards);
    expect(moveCardOnto(cards, "host-groups", "total-hosts")).toBe(cards);
  });
});
