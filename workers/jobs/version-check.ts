import { recordLatestVersion } from "@/db/queries/maintenance";
import { getSettings } from "@/db/queries/settings";
import type { JobProcessor } from "@/lib/queue/types";

// Asked only when an administrator enables the version check: no call-home by default.
export const RELEASES_URL = "https://api.github.com/repos/PatchMon/PatchMon/releases/latest";

export const processVersionCheck: JobProcessor = async () => {
  const settings = await getSettings();
  if (!settings.versionCheckEnabled) return { skipped: "version check disabled" };
  const response = await fetch(RELEASES_URL, {
    headers: { Accept: "application/vnd.github+json", "User-Agent": "PatchMon-version-check" },
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`release lookup answered HTTP ${response.status}`);
  const body = (await response.json()) as { tag_name?: unknown };
  if (typeof body.tag_name !== "string" || !/^v?\d+(\.\d+)*/.test(body.tag_name))
    throw new Error("release lookup answered without a version");
  const latest = body.tag_name.replace(/^v/i, "");
  await recordLatestVersion(latest, new Date());
  return { latestVersion: latest };
};
