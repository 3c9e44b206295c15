import type * as React from "react";

interface PageHeaderProps {
  title: string;
  description?: React.ReactNode;
  /** Buttons aligned to the right of the title on wide screens. */
  actions?: React.ReactNode;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="flex flex-col gap-1">
        <h1 className="font-semibold text-2xl tracking-tight" data-testid="page-heading">
          {title}
        </h1>
        {description ? <p className="text-muted-foreground text-sm">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}
