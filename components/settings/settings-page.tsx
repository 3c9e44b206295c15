import type * as React from "react";

import { PageHeader } from "@/components/shell/page-header";
import { SettingsNav } from "./settings-nav";

/** The frame of every settings page: heading, the settings sub-navigation, then the content. */
export function SettingsPage({
  title,
  description,
  children,
}: {
  title: string;
  description: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <PageHeader title={title} description={description} />
      <SettingsNav />
      {children}
    </div>
  );
}
