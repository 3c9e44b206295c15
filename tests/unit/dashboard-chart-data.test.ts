import { describe, expect, it } from "vitest";
import { osSlices } from "@/components/dashboard/charts/os-chart";
import { updateStatusRows } from "@/components/dashboard/charts/update-status-chart";

describe("osSlices", () => {
  it("keeps the five largest OS types, folds the rest into Other and shows hosts without a report apart", () => {
    const os = [
      { osType: "debian", hosts: 50 },
      { osType: null, hosts: 7 },
      { osType: "ubuntu", hosts: 40 },
      { osType: "rhel", hosts: 30 },
      { osType: "rocky", hosts: 20 },
      { osType: "alma", hosts: 10 },
      { osType: "alpine", hosts: 3 },
      { osType: "arch linux", hosts: 2 },
    ];
    const slices = osSlices(os);
    expect(slices.map((s) => [s.label, s.hosts, s.href])).toEqual([
      ["debian", 50, "/hosts?os=debian"],
      ["ubuntu", 40, "/hosts?os=ubuntu"],
      ["rhel", 30, "/hosts?os=rhel"],
      ["rocky", 20, "/hosts?os=rocky"],
      ["alma", 10, "/hosts?os=alma"],
      ["Other", 5, undefined],
      ["Not reported", 7, undefined],
    ]);
    expect(slices.reduce((sum, s) => sum + s.hosts, 0)).toBe(162);
    expect(osSlices([{ osType: "arch linux", hosts: 1 }])[0]?.href).toBe("/hosts?os=arch%20linux");
  });
});

describe("updateStatusRows", () => {
  it("shows the overview's counts as they are, each linked to the list it counts where one exists", () => {
    const rows = updateStatusRows({
      total: 9,
      pending: 1,
      active: 6,
      stale: 1,
      offline: 1,
      staleOrOffline: 2,
      reporting: 8,
      upToDate: 3,
      needingUpdates: 4,
      withSecurityUpdates: 2,
      needingReboot: 0,
      reportFailed: 0,
    });
    expect(rows.map((r) => [r.key, r.hosts, r.href])).toEqual([
      ["up-to-date", 3, undefined],
      ["needs-updates", 4, "/hosts?updates=1"],
      ["security", 2, "/hosts?security=1"],
      ["pending", 1, "/hosts?status=pending"],
      ["stale-offline", 2, "/hosts?stale=1"],
    ]);
  });
});
