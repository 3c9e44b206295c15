import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import type * as React from "react";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

export type StatTone = "default" | "warning" | "danger" | "success";

export interface StatCardProps {
  title: string;
  value: number;
  icon: LucideIcon;
  description?: React.ReactNode;
  tone?: StatTone;
  /** When given, the whole card links to the matching filtered list. */
  href?: string;
  "data-testid"?: string;
}

const iconTone: Record<StatTone, string> = {
  default: "bg-muted text-muted-foreground",
  warning: "bg-warning/15 text-warning",
  danger: "bg-destructive/10 text-destructive dark:bg-destructive/20",
  success: "bg-success/15 text-success",
};

const valueTone: Record<StatTone, string> = {
  default: "",
  warning: "text-warning",
  danger: "text-destructive",
  success: "text-success",
};

const numberFormat = new Intl.NumberFormat("en-US");

export function StatCard({
  title,
  value,
  icon: Icon,
  description,
  tone = "default",
  href,
  "data-testid": testId,
}: StatCardProps) {
  const card = (
    <Card
      data-testid={testId}
      data-tone={tone}
      className={cn(
        "h-full gap-2 py-4 sm:gap-3 sm:py-5",
        href && "transition-colors group-hover:bg-accent/50",
      )}
    >
      <CardHeader className="flex flex-row items-start justify-between gap-2 px-4 sm:px-5">
        <CardTitle className="pt-1 font-medium text-muted-foreground text-sm leading-snug">{title}</CardTitle>
        <span
          className={cn(
            "hidden size-8 shrink-0 items-center justify-center rounded-md min-[480px]:flex",
            iconTone[tone],
          )}
        >
          <Icon className="size-4" aria-hidden />
        </span>
      </CardHeader>
      <CardContent className="flex flex-col gap-1 px-4 sm:px-5">
        <p
          className={cn("font-semibold text-2xl tabular-nums tracking-tight sm:text-3xl", valueTone[tone])}
          data-testid="stat-value"
        >
          {numberFormat.format(value)}
        </p>
        {description ? (
          <p className="text-muted-foreground text-xs" data-testid="stat-description">
            {description}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );

  if (!href) return card;
  return (
    <Link
      href={href}
      className="group rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
    >
      {card}
    </Link>
  );
}
