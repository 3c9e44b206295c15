// The dashboard's cards: ids, titles and sections in their default order. Pure data shared by the
// server (validation, defaults) and the customise panel in the browser.
import type { Permission } from "@/lib/permissions";

export const CARD_SIZES = ["sm", "md", "lg"] as const;
export type CardSize = (typeof CARD_SIZES)[number];

export const CARD_SECTIONS = ["fleet", "charts", "inventory", "activity"] as const;
export type CardSection = (typeof CARD_SECTIONS)[number];

export const SECTION_TITLES: Record<CardSection, string> = {
  fleet: "Fleet health",
  charts: "Trends",
  inventory: "Inventory",
  activity: "Activity",
};

export type CardDefinition = {
  id: string;
  title: string;
  section: CardSection;
  /** Never shown to an actor without it, whatever their stored layout says. */
  requires?: Permission;
  /** Shown by default only to actors with it (they may still turn the card on themselves). */
  shownByDefaultWith?: Permission;
  /** Size in the default layout (small when not given). */
  defaultSize?: CardSize;
};

export const DASHBOARD_CARDS: readonly CardDefinition[] = [
  { id: "total-hosts", title: "Total hosts", section: "fleet" },
  { id: "up-to-date", title: "Up to date", section: "fleet" },
  { id: "needing-updates", title: "Needing updates", section: "fleet" },
  { id: "security-updates", title: "Security updates", section: "fleet" },
  { id: "needing-reboot", title: "Needing reboot", section: "fleet" },
  { id: "stale-offline", title: "Stale / offline", section: "fleet" },
  { id: "pending", title: "Pending first report", section: "fleet" },
  { id: "report-failed", title: "Failed reports", section: "fleet" },
  { id: "os-distribution", title: "OS distribution", section: "charts", defaultSize: "md" },
  { id: "update-status", title: "Update status", section: "charts", defaultSize: "md" },
  { id: "security-trend", title: "Security updates over time", section: "charts", defaultSize: "md" },
  { id: "outdated-trend", title: "Outdated packages over time", section: "charts", defaultSize: "md" },
  {
    id: "outdated-packages",
    title: "Outdated packages",
    section: "inventory",
    shownByDefaultWith: "can_view_packages",
  },
  { id: "host-groups", title: "Host groups", section: "inventory" },
  {
    id: "repositories",
    title: "Repositories",
    section: "inventory",
    shownByDefaultWith: "can_view_packages",
  },
  { id: "users", title: "Users", section: "inventory", requires: "can_view_users" },
  // Names hosts and links to their pages: only for those who may see hosts.
  {
    id: "recent-reports",
    title: "Recent reports",
    section: "activity",
    requires: "can_view_hosts",
    defaultSize: "lg",
  },
];

export const CARD_IDS: readonly string[] = DASHBOARD_CARDS.map((card) => card.id);

const byId = new Map(DASHBOARD_CARDS.map((card) => [card.id, card]));

export function cardDefinition(id: string): CardDefinition | undefined {
  return byId.get(id);
}

/** One card as the dashboard renders it: every card the viewer may see is listed, hidden ones too. */
export type LayoutCard = { id: string; visible: boolean; size: CardSize };

/** Moves the card at `index` past its nearest neighbour of the same section; other sections keep their order. */
export function moveCard(cards: LayoutCard[], index: number, direction: -1 | 1): LayoutCard[] {
  const section = cardDefinition(cards[index]?.id ?? "")?.section;
  if (!section) return cards;
  let other = index + direction;
  while (other >= 0 && other < cards.length && cardDefinition(cards[other]?.id ?? "")?.section !== section) {
    other += direction;
  }
  if (other < 0 || other >= cards.length) return cards;
  const next = [...cards];
  [next[index], next[other]] = [next[other] as LayoutCard, next[index] as LayoutCard];
  return next;
}

/**
 * Moves card `fromId` to just before `beforeId` (drag and drop), when both are in the same
 * section; anything else (unknown id, other section, itself) leaves the order as it was.
 */
export function moveCardBefore(cards: LayoutCard[], fromId: string, beforeId: string): LayoutCard[] {
  if (fromId === beforeId) return cards;
  const section = cardDefinition(fromId)?.section;
  if (!section || cardDefinition(beforeId)?.section !== section) return cards;
  const moving = cards.find((card) => card.id === fromId);
  if (!moving || !cards.some((card) => card.id === beforeId)) return cards;
  const rest = cards.filter((card) => card.id !== fromId);
  const at = rest.findIndex((card) => card.id === beforeId);
  return [...rest.slice(0, at), moving, ...rest.slice(at)];
}

/** Moves card `fromId` after the last card of its section (dropped at the end of the list). */
export function moveCardToEnd(cards: LayoutCard[], fromId: string): LayoutCard[] {
  const section = cardDefinition(fromId)?.section;
  const moving = cards.find((card) => card.id === fromId);
  if (!section || !moving) return cards;
  const rest = cards.filter((card) => card.id !== fromId);
  let last = -1;
  rest.forEach((card, index) => {
    if (cardDefinition(card.id)?.section === section) last = index;
  });
  return [...rest.slice(0, last + 1), moving, ...rest.slice(last + 1)];
}

/**
 * Drag and drop: card `fromId` takes the place of `targetId` in the list. Dragged up it lands just
 * before the target, dragged down just after it, so any position of the section can be reached.
 */
export function moveCardOnto(cards: LayoutCard[], fromId: string, targetId: string): LayoutCard[] {
  const from = cards.findIndex((card) => card.id === fromId);
  const target = cards.findIndex((card) => card.id === targetId);
  if (from < 0 || target < 0 || from > target) return moveCardBefore(cards, fromId, targetId);
  const section = cardDefinition(fromId)?.section;
  if (from === target || cardDefinition(targetId)?.section !== section) return cards;
  const next = cards.slice(target + 1).find((card) => cardDefinition(card.id)?.section === section);
  return next ? moveCardBefore(cards, fromId, next.id) : moveCardToEnd(cards, fromId);
}
