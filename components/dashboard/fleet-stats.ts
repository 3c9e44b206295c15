// The stat cards' definitions: title, value, icon, tone and the list each number counts.
import {
  Boxes,
  CircleCheck,
  CircleX,
  CloudOff,
  FolderTree,
  Hourglass,
  type LucideIcon,
  PackageOpen,
  RotateCw,
  Server,
  ShieldAlert,
  TriangleAlert,
  Users,
} from "lucide-react";

import type { FleetOverview } from "@/lib/overview";

import type { StatTone } from "./stat-card";

export interface Stat {
  id: string;
  title: string;
  value: number;
  icon: LucideIcon;
  tone: StatTone;
  description?: string;
  /** The list this number counts (every number links to it). */
  href?: string;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** Attention-grabbing tone only when there is something to act on. */
function toneIf(count: number, tone: StatTone): StatTone {
  return count > 0 ? tone : "default";
}

/** Every value is a count from the overview query as is: no arithmetic on counts here (product rule). */
export function fleetStats({ hosts, ...inventory }: FleetOverview): { fleet: Stat[]; inventory: Stat[] } {
  const fleet: Stat[] = [
    {
      id: "total-hosts",
      href: "/hosts",
      title: "Total hosts",
      value: hosts.total,
      icon: Server,
      tone: "default",
      description: `${hosts.active.toLocaleString("en-US")} active`,
    },
    {
      id: "up-to-date",
      title: "Up to date",
      value: hosts.upToDate,
      icon: CircleCheck,
      tone: toneIf(hosts.upToDate, "success"),
      description: hosts.reporting > 0 ? `of ${plural(hosts.reporting, "reporting host")}` : undefined,
    },
    {
      id: "needing-updates",
      href: "/hosts?updates=1",
      title: "Needing updates",
      value: hosts.needingUpdates,
      icon: TriangleAlert,
      tone: toneIf(hosts.needingUpdates, "warning"),
    },
    {
      id: "security-updates",
      href: "/hosts?security=1",
      title: "Security updates",
      value: inventory.securityUpdates,
      icon: ShieldAlert,
      tone: toneIf(inventory.securityUpdates, "danger"),
      description: `Pending on ${plural(hosts.withSecurityUpdates, "host")}`,
    },
    {
      id: "needing-reboot",
      href: "/hosts?reboot=1",
      title: "Needing reboot",
      value: hosts.needingReboot,
      icon: RotateCw,
      tone: toneIf(hosts.needingReboot, "warning"),
    },
    {
      id: "stale-offline",
      href: "/hosts?stale=1",
      title: "Stale / offline",
      value: hosts.staleOrOffline,
      icon: CloudOff,
      tone: hosts.offline > 0 ? "danger" : toneIf(hosts.stale, "warning"),
      description: `${hosts.stale.toLocaleString("en-US")} stale, ${hosts.offline.toLocaleString("en-US")} offline`,
    },
    {
      id: "pending",
      href: "/hosts?status=pending",
      title: "Pending first report",
      value: hosts.pending,
      icon: Hourglass,
      tone: "default",
    },
    {
      id: "report-failed",
      href: "/hosts?status=report_failed",
      title: "Failed reports",
      value: hosts.reportFailed,
      icon: CircleX,
      tone: toneIf(hosts.reportFailed, "danger"),
      description: "Latest report failed",
    },
  ];

  const inventoryStats: Stat[] = [
    {
      id: "outdated-packages",
      href: "/packages?updates=1",
      title: "Outdated packages",
      value: inventory.outdatedPackages,
      icon: PackageOpen,
      tone: toneIf(inventory.outdatedPackages, "warning"),
    },
    {
      id: "host-groups",
      href: "/host-groups",
      title: "Host groups",
      value: inventory.hostGroups,
      icon: FolderTree,
      tone: "default",
    },
    {
      id: "repositories",
      href: "/repositories",
      title: "Repositories",
      value: inventory.repositories,
      icon: Boxes,
      tone: "default",
    },
  ];
  // Null when the viewer may not see users: the card is left out rather than shown as zero.
  if (inventory.users !== null) {
    inventoryStats.push({
      id: "users",
      href: "/users",
      title: "Users",
      value: inventory.users,
      icon: Users,
      tone: "default",
    });
  }

  return { fleet, inventory: inventoryStats };
}
