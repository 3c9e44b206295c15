"use client";

import type * as React from "react";
import { useState } from "react";

import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { PROFILE_TABS, type ProfileTab } from "./tabs";

/** Tabs whose selection lives in ?tab=, so a reload or a shared link opens the same one. */
export function ProfileTabs({
  active,
  panels,
}: {
  active: ProfileTab;
  panels: Record<ProfileTab, React.ReactNode>;
}) {
  const [current, setCurrent] = useState<string>(active);

  function select(value: string) {
    setCurrent(value);
    // The native history API updates the URL without asking the server to render the page again.
    const url = new URL(window.location.href);
    url.searchParams.set("tab", value);
    window.history.replaceState(null, "", url);
  }

  return (
    <Tabs value={current} onValueChange={select} className="gap-6">
      <TabsList className="h-auto max-w-full flex-wrap justify-start">
        {PROFILE_TABS.map((tab) => (
          <TabsTrigger key={tab.value} value={tab.value} data-testid={`profile-tab-${tab.value}`}>
            {tab.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {PROFILE_TABS.map((tab) => (
        <TabsContent key={tab.value} value={tab.value} className="flex flex-col gap-6">
          {panels[tab.value]}
        </TabsContent>
      ))}
    </Tabs>
  );
}
