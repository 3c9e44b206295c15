import {
  Bell,
  BellRing,
  Database,
  FolderTree,
  LayoutDashboard,
  type LucideIcon,
  Package,
  ScrollText,
  Server,
  Settings,
  ShieldCheck,
  Timer,
  Users,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to users holding this permission; omit for pages everyone may see. */
  permission?: string;
  /** A count shown beside the label, supplied by the layout (see NavBadges in sidebar-nav.tsx). */
  badge?: NavBadgeKey;
}

export type NavBadgeKey = "openAlerts";
export type NavBadgeCounts = Partial<Record<NavBadgeKey, number>>;

/** Sidebar order. Add a page with one line; list only pages that exist. */
export const navItems: readonly NavItem[] = [
  { href: "/", label: "Dashboard", icon: LayoutDashboard },
  { href: "/hosts", label: "Hosts", icon: Server, permission: "can_view_hosts" },
  { href: "/alerts", label: "Alerts", icon: Bell, permission: "can_view_hosts", badge: "openAlerts" },
  { href: "/host-groups", label: "Host groups", icon: FolderTree, permission: "can_view_hosts" },
  { href: "/packages", label: "Packages", icon: Package, permission: "can_view_packages" },
  { href: "/repositories", label: "Repositories", icon: Database, permission: "can_view_hosts" },
  { href: "/users", label: "Users", icon: Users, permission: "can_view_users" },
  { href: "/roles", label: "Roles", icon: ShieldCheck, permission: "can_manage_users" },
  { href: "/audit", label: "Audit log", icon: ScrollText, permission: "can_manage_users" },
  { href: "/automation", label: "Automation", icon: Timer, permission: "can_manage_settings" },
  {
    href: "/settings/notifications",
    label: "Notifications",
    icon: BellRing,
    permission: "can_manage_settings",
  },
  { href: "/settings", label: "Settings", icon: Settings, permission: "can_manage_settings" },
];

export function visibleNavItems(permissions: readonly string[] = []): NavItem[] {
  return navItems.filter((item) => !item.permission || permissions.includes(item.permission));
}

export function isNavItemActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The nav entry a path belongs to: the longest matching href, so /hosts/123 maps to Hosts. */
export function findNavItem(pathname: string): NavItem | undefined {
  return navItems
    .filter((item) => isNavItemActive(pathname, item.href))
    .sort((a, b) => b.href.length - a.href.length)[0];
}

export function navTestId(item: NavItem): string {
  return `nav-${item.label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}
