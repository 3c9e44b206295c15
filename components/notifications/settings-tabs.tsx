import Link from "next/link";

import { cn } from "@/lib/utils";

export const NOTIFICATION_TABS = [
  { value: "channels", label: "Channels" },
  { value: "rules", label: "Rules" },
  { value: "deliveries", label: "Delivery log" },
] as const;
export type NotificationTab = (typeof NOTIFICATION_TABS)[number]["value"];

/** Tabs as links: the chosen tab is in the URL (?tab=), so it survives reloads and can be shared. */
export function SettingsTabs({ active }: { active: NotificationTab }) {
  return (
    <nav aria-label="Notification settings" className="inline-flex w-fit rounded-lg bg-muted p-1">
      {NOTIFICATION_TABS.map((tab) => (
        <Link
          key={tab.value}
          href={
            tab.value === "channels" ? "/settings/notifications" : `/settings/notifications?tab=${tab.value}`
          }
          aria-current={tab.value === active ? "page" : undefined}
          data-testid={`notifications-tab-${tab.value}`}
          className={cn(
            "rounded-md px-3 py-1.5 font-medium text-muted-foreground text-sm transition-colors hover:text-foreground",
            tab.value === active && "bg-background text-foreground shadow-sm dark:bg-input/30",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
