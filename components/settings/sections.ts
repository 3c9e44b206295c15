import {
  Bell,
  BellRing,
  Bot,
  Globe,
  type LucideIcon,
  Palette,
  ScrollText,
  ShieldCheck,
  Ticket,
  Users,
} from "lucide-react";

export type SettingsSection = {
  href: string;
  label: string;
  description: string;
  icon: LucideIcon;
  /** Pages outside /settings are listed on the index but not in the settings sub-navigation. */
  inSubNav: boolean;
};

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  {
    href: "/settings/server",
    label: "Server URL",
    description: "The address agents and install commands use.",
    icon: Globe,
    inSubNav: true,
  },
  {
    href: "/settings/agents",
    label: "Agents",
    description: "Report interval, agent auto-update and self-signed certificates.",
    icon: Bot,
    inSubNav: true,
  },
  {
    href: "/settings/enrolment",
    label: "Auto-enrolment",
    description: "Tokens that let scripts enrol hosts and Proxmox containers.",
    icon: Ticket,
    inSubNav: true,
  },
  {
    href: "/settings/branding",
    label: "Branding",
    description: "Logos for light and dark themes, and the favicon.",
    icon: Palette,
    inSubNav: true,
  },
  {
    href: "/settings/notifications",
    label: "Notifications",
    description: "Channels, rules and the delivery log.",
    icon: BellRing,
    inSubNav: true,
  },
  {
    href: "/settings/alerts",
    label: "Alert settings",
    description: "Which alerts are raised and when.",
    icon: Bell,
    inSubNav: true,
  },
  {
    href: "/users",
    label: "Users",
    description: "Accounts, roles and host-group access.",
    icon: Users,
    inSubNav: false,
  },
  {
    href: "/roles",
    label: "Roles",
    description: "Permission sets and their host-group scope.",
    icon: ShieldCheck,
    inSubNav: false,
  },
  {
    href: "/audit",
    label: "Audit log",
    description: "Who changed what, and when.",
    icon: ScrollText,
    inSubNav: false,
  },
];
