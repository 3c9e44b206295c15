// Which package manager a report's packages belong to. Packages are keyed by name + manager, so
// "openssl" from apt and from apk stay two packages. Newer agents say it (`packageManager`); for
// PatchMon agents it is derived from the os-release ID they send as osType.

const BY_OS: ReadonlyArray<[manager: string, ids: readonly string[]]> = [
  [
    "apt",
    [
      "debian",
      "ubuntu",
      "raspbian",
      "proxmox",
      "linuxmint",
      "mint",
      "pop",
      "elementary",
      "kali",
      "zorin",
      "devuan",
      "mx",
      "neon",
      "parrot",
      "deepin",
    ],
  ],
  [
    "dnf",
    [
      "rhel",
      "redhat",
      "red",
      "centos",
      "rocky",
      "almalinux",
      "alma",
      "fedora",
      "ol",
      "oracle",
      "amzn",
      "amazon",
      "cloudlinux",
      "eurolinux",
      "virtuozzo",
    ],
  ],
  ["zypper", ["opensuse", "opensuse-leap", "opensuse-tumbleweed", "sles", "sled", "suse"]],
  ["apk", ["alpine"]],
  ["pacman", ["arch", "archlinux", "manjaro", "endeavouros", "garuda", "artix"]],
  ["pkg", ["freebsd"]],
];

const MANAGER_BY_ID = new Map(BY_OS.flatMap(([manager, ids]) => ids.map((id) => [id, manager] as const)));

/** "apt", "dnf", ... from an osType such as "ubuntu", "Debian GNU/Linux" or "opensuse-leap"; else "unknown". */
export function packageManagerForOs(osType: string | null | undefined): string {
  const normalised = (osType ?? "").trim().toLowerCase();
  if (!normalised) return "unknown";
  const exact = MANAGER_BY_ID.get(normalised);
  if (exact) return exact;
  // First word of a pretty name ("Debian GNU/Linux", "Rocky Linux", "openSUSE Leap").
  const firstWord = normalised.split(/[\s_/-]+/)[0] ?? "";
  return MANAGER_BY_ID.get(firstWord) ?? "unknown";
}

/** The manager the report names (lowercased) when it names one, otherwise derived from osType. */
export function resolvePackageManager(
  explicit: string | undefined,
  osType: string | null | undefined,
): string {
  const named = explicit?.trim().toLowerCase();
  return named ? named : packageManagerForOs(osType);
}
