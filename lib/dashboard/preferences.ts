// A user's dashboard layout: which cards, in what order, at what size. Stored JSON is never
// trusted as is: unknown ids are dropped, and a card the actor may not see is never returned.
import { z } from "zod";
import { deleteDashboardLayout, getDashboardLayout, upsertDashboardLayout } from "@/db/queries/dashboard";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/guard";
import { getRequestContext } from "@/lib/auth/request-context";
import { CARD_SIZES, type CardDefinition, cardDefinition, DASHBOARD_CARDS, type LayoutCard } from "./cards";

const cardSchema = z.object({
  id: z.string().trim().min(1).max(64),
  visible: z.boolean(),
  size: z.enum(CARD_SIZES).optional(),
});

/** What the customise panel sends. Unknown ids are accepted here and dropped by normalising. */
export const dashboardLayoutSchema = z.object({
  cards: z
    .array(cardSchema)
    .max(100)
    .refine((cards) => new Set(cards.map((card) => card.id)).size === cards.length, {
      message: "Each card may appear only once.",
    }),
});
export type DashboardLayoutInput = z.infer<typeof dashboardLayoutSchema>;

function maySee(actor: Actor, card: CardDefinition): boolean {
  return !card.requires || hasPermission(actor, card.requires);
}

/** The layout an actor gets without a stored row: every card they may see, in catalogue order. */
export function defaultLayout(actor: Actor): LayoutCard[] {
  return DASHBOARD_CARDS.filter((card) => maySee(actor, card)).map((card) => ({
    id: card.id,
    visible: !card.shownByDefaultWith || hasPermission(actor, card.shownByDefaultWith),
    size: card.defaultSize ?? "sm",
  }));
}

/**
 * Turns any stored or submitted value into a complete layout for this actor: known ids the actor
 * may see, each once, in the given order; cards missing from it (new since it was saved) follow
 * with their default visibility. A malformed entry is skipped rather than failing the whole page.
 */
export function normaliseLayout(actor: Actor, value: unknown): LayoutCard[] {
  const defaults = defaultLayout(actor);
  const allowed = new Map(defaults.map((card) => [card.id, card]));
  const raw = (value as { cards?: unknown } | null | undefined)?.cards;
  const entries = Array.isArray(raw) ? raw : [];
  const result: LayoutCard[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const parsed = cardSchema.safeParse(entry);
    if (!parsed.success) continue;
    const { id, visible, size } = parsed.data;
    if (seen.has(id) || !allowed.has(id) || !cardDefinition(id)) continue;
    seen.add(id);
    result.push({ id, visible, size: size ?? cardDefinition(id)?.defaultSize ?? "sm" });
  }
  for (const card of defaults) if (!seen.has(card.id)) result.push(card);
  return result;
}

export async function getDashboardLayoutFor(actor: Actor): Promise<LayoutCard[]> {
  const stored = await getDashboardLayout(actor.userId);
  return stored === undefined ? defaultLayout(actor) : normaliseLayout(actor, stored);
}

/** Saves the actor's own layout and returns it as the dashboard will show it. */
export async function saveDashboardLayoutFor(
  actor: Actor,
  input: DashboardLayoutInput,
): Promise<LayoutCard[]> {
  const parsed = dashboardLayoutSchema.parse(input);
  const layout = normaliseLayout(actor, parsed);
  await upsertDashboardLayout(actor.userId, { cards: layout });
  await recordChange(actor, "dashboard.layout_saved", {
    visible: layout.filter((card) => card.visible).map((card) => card.id),
  });
  return layout;
}

/** Forgets the actor's layout, so the role's default applies again. */
export async function resetDashboardLayoutFor(actor: Actor): Promise<LayoutCard[]> {
  await deleteDashboardLayout(actor.userId);
  await recordChange(actor, "dashboard.layout_reset");
  return defaultLayout(actor);
}

async function recordChange(
  actor: Actor,
  action: "dashboard.layout_saved" | "dashboard.layout_reset",
  details?: Record<string, unknown>,
): Promise<void> {
  const context = await getRequestContext().catch(() => ({ ip: null, userAgent: null }));
  await audit({
    action,
    actor: { userId: actor.userId, label: actor.username },
    target: { type: "user", id: actor.userId },
    ip: context.ip,
    userAgent: context.userAgent,
    details,
  });
}
