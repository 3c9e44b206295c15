// What this Debian machine says about its packages, the way the agent is expected to count them:
// installed = dpkg-query entries less config-files-only ones; upgradable = `apt-get -s upgrade`
// installs plus kept-back packages; security = upgrades whose origin is a *-security suite.
import { execSync } from "node:child_process";

function sh(command: string): string {
  return execSync(command, { encoding: "utf8", shell: "/bin/sh", stdio: ["ignore", "pipe", "ignore"] });
}

export type DebianInventory = { installed: number; upgradable: number; security: number };

export function debianInventory(): DebianInventory {
  const all = Number(sh("dpkg-query -W | wc -l").trim());
  const configOnly = Number(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format, not a template
    sh("dpkg-query -W -f '${db:Status-Abbrev}\\n' | grep -c '^.[nc]' || true").trim(),
  );
  const upgrade = sh("LC_ALL=C apt-get -s -o Debug::NoLocking=1 upgrade 2>/dev/null");
  const inst = upgrade.split("\n").filter((line) => line.startsWith("Inst "));
  const kept = /kept back:\n((?: .*\n)+)/.exec(upgrade)?.[1]?.trim().split(/\s+/) ?? [];
  const security = inst.filter((line) => /\/[^,/]*-security[,\s]/.test(line));
  return { installed: all - configOnly, upgradable: inst.length + kept.length, security: security.length };
}
