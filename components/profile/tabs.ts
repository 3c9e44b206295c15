// The profile page's tabs; a plain module so the server page and the client tabs share one list.
export const PROFILE_TABS = [
  { value: "account", label: "Account" },
  { value: "password", label: "Password" },
  { value: "two-factor", label: "Two-factor" },
  { value: "sessions", label: "Sessions & devices" },
] as const;

export type ProfileTab = (typeof PROFILE_TABS)[number]["value"];

export function profileTabOf(value: unknown): ProfileTab {
  return PROFILE_TABS.find((tab) => tab.value === value)?.value ?? "account";
}
