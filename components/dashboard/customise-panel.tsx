"use client";

import { ArrowDown, ArrowUp, GripVertical } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  CARD_SECTIONS,
  CARD_SIZES,
  type CardSize,
  cardDefinition,
  type LayoutCard,
  moveCard,
  moveCardOnto,
  SECTION_TITLES,
} from "@/lib/dashboard/cards";
import { cn } from "@/lib/utils";

const SIZE_LABELS: Record<CardSize, string> = { sm: "Small", md: "Medium", lg: "Large" };

type Props = { cards: LayoutCard[]; onChange: (cards: LayoutCard[]) => void; disabled?: boolean };

/**
 * One row per card: show/hide, move within its section, and size. Every control works from the
 * keyboard (the arrow buttons); with a pointer, a row can also be dragged onto another row of its
 * section (native HTML5 drag and drop).
 */
export function CustomisePanel({ cards, onChange, disabled }: Props) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const update = (index: number, patch: Partial<LayoutCard>) =>
    onChange(cards.map((card, i) => (i === index ? { ...card, ...patch } : card)));
  const sameSection = (a: string | null, b: string) =>
    a !== null && cardDefinition(a)?.section === cardDefinition(b)?.section;
  const endDrag = () => {
    setDragging(null);
    setOver(null);
  };

  return (
    <div className="grid gap-6 md:grid-cols-2" data-testid="customise-panel">
      {CARD_SECTIONS.map((section) => {
        const rows = cards
          .map((card, index) => ({ card, index }))
          .filter(({ card }) => cardDefinition(card.id)?.section === section);
        if (rows.length === 0) return null;
        return (
          <fieldset key={section} className="flex flex-col gap-2">
            <legend className="mb-2 font-medium text-sm">{SECTION_TITLES[section]}</legend>
            <ol className="flex flex-col gap-1.5">
              {rows.map(({ card, index }, position) => {
                const title = cardDefinition(card.id)?.title ?? card.id;
                const checkboxId = `customise-visible-${card.id}`;
                return (
                  <li
                    key={card.id}
                    data-testid={`customise-row-${card.id}`}
                    draggable={!disabled}
                    onDragStart={(event) => {
                      event.dataTransfer.effectAllowed = "move";
                      event.dataTransfer.setData("text/plain", card.id);
                      setDragging(card.id);
                    }}
                    onDragEnd={endDrag}
                    onDragOver={(event) => {
                      if (!sameSection(dragging, card.id) || dragging === card.id) return;
                      event.preventDefault();
                      event.dataTransfer.dropEffect = "move";
                      setOver(card.id);
                    }}
                    onDragLeave={() => setOver((current) => (current === card.id ? null : current))}
                    onDrop={(event) => {
                      event.preventDefault();
                      const from = dragging ?? event.dataTransfer.getData("text/plain");
                      endDrag();
                      if (from && sameSection(from, card.id)) onChange(moveCardOnto(cards, from, card.id));
                    }}
                    data-dragging={dragging === card.id || undefined}
                    data-drop-target={over === card.id || undefined}
                    className={cn(
                      "flex flex-wrap items-center gap-2 rounded-md border bg-card px-3 py-2",
                      !disabled && "cursor-grab active:cursor-grabbing",
                      dragging === card.id && "opacity-50",
                      over === card.id && "border-primary ring-2 ring-primary/30",
                    )}
                  >
                    <GripVertical className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <Checkbox
                      id={checkboxId}
                      checked={card.visible}
                      disabled={disabled}
                      onCheckedChange={(checked) => update(index, { visible: checked === true })}
                      data-testid={`customise-visible-${card.id}`}
                    />
                    <label
                      htmlFor={checkboxId}
                      className={cn("flex-1 text-sm", !card.visible && "text-muted-foreground")}
                    >
                      {title}
                    </label>
                    <fieldset className="flex items-center gap-0.5" aria-label={`Size of ${title}`}>
                      {CARD_SIZES.map((size) => (
                        <Button
                          key={size}
                          type="button"
                          size="sm"
                          variant={card.size === size ? "secondary" : "ghost"}
                          className="h-7 px-2 text-xs"
                          aria-pressed={card.size === size}
                          aria-label={`${SIZE_LABELS[size]} ${title}`}
                          disabled={disabled}
                          onClick={() => update(index, { size })}
                          data-testid={`customise-size-${card.id}-${size}`}
                        >
                          {size.toUpperCase()}
                        </Button>
                      ))}
                    </fieldset>
                    <Button
                      type="button"
                      size="icon"
                      variant="ghost"
                      className="size-7"
                      aria-label={`Move ${title} up`}
                      disabled={disabled || position === 0}
                      onClick={() => onChange(moveCard(cards, index, -1))}
                      data-testid={`customise-up-${card.id}`}
                    >
                      <ArrowUp className="size-4" aria-hidden />
                    </Button>
                    <Button
                      type="button"
                      size="icon"
                      variant="ghost"
                      className="size-7"
                      aria-label={`Move ${title} down`}
                      disabled={disabled || position === rows.length - 1}
                      onClick={() => onChange(moveCard(cards, index, 1))}
                      data-testid={`customise-down-${card.id}`}
                    >
                      <ArrowDown className="size-4" aria-hidden />
                    </Button>
                  </li>
                );
              })}
            </ol>
          </fieldset>
        );
      })}
    </div>
  );
}
