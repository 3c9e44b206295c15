import { describe, expect, it } from "vitest";
import { maskSecret } from "./channels";
import { digestMessage, groupForDigest, matchesRule } from "./messages";
import type { NotificationAlert } from "./types";

const make = (type: string, severity: NotificationAlert["severity"], host: string): NotificationAlert => ({
  id: `${type}-${host}`,
  type,
  severity,
  status: "open",
  title: `${type} on ${host}`,
  message: null,
  host: { id: host, name: host },
  createdAt: "2026-11-26T10:00:00.000Z",
});

describe("digest grouping", () => {
  const alerts = [
    make("new_security_updates", "warning", "a"),
    make("host_offline", "error", "b"),
    make("new_security_updates", "warning", "c"),
    make("host_offline", "error", "d"),
    make("host_offline", "error", "e"),
    make("agent_outdated", "informational", "f"),
  ];

  it("groups by type and severity, most severe first", () => {
    const groups = groupForDigest(alerts);
    expect(groups.map((g) => [g.type, g.alerts.length])).toEqual([
      ["host_offline", 3],
      ["new_security_updates", 2],
      ["agent_outdated", 1],
    ]);
  });

  it("summarises every alert of the period in one message", () => {
    const message = digestMessage(alerts, 30);
    expect(message.event).toBe("digest");
    expect(message.title).toBe("6 alerts in the last 30 minutes");
    expect(message.summary.split("\n")).toEqual([
      "3 × Host offline (error): b, d, e",
      "2 × New security updates (warning): a, c",
      "1 × Agent out of date (informational): f",
    ]);
    expect(message.alerts).toHaveLength(6);
  });
});

describe("rule matching", () => {
  const rule = { alertTypes: [] as string[], minSeverity: "warning" as const, hostGroupIds: [] as string[] };
  const offline = make("host_offline", "error", "a");

  it("treats empty lists as all and honours the minimum severity", () => {
    expect(matchesRule(rule, offline, [])).toBe(true);
    expect(matchesRule(rule, make("agent_outdated", "informational", "a"), [])).toBe(false);
    expect(matchesRule({ ...rule, alertTypes: ["report_failed"] }, offline, [])).toBe(false);
    expect(matchesRule({ ...rule, alertTypes: ["host_offline"] }, offline, [])).toBe(true);
  });

  it("limits to host groups when the rule names some", () => {
    const scoped = { ...rule, hostGroupIds: ["g1"] };
    expect(matchesRule(scoped, offline, ["g2"])).toBe(false);
    expect(matchesRule(scoped, offline, ["g2", "g1"])).toBe(true);
    expect(matchesRule(scoped, offline, [])).toBe(false);
  });
});

describe("secret masking", () => {
  it("never shows a secret in full", () => {
    expect(maskSecret("https://hooks.slack.com/services/T0/B0/abcdef")).toBe(
      "https://hooks.slack.com/••••••••",
    );
    expect(maskSecret("short")).toBe("••••••••");
    expect(maskSecret("0123456789abcdefWXYZ")).toBe("••••••••WXYZ");
  });
});
