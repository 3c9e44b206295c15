import { describe, expect, it } from "vitest";
import { jobDefinitions } from "./definitions";
import { nextRunAt } from "./inline";

describe("job schedules", () => {
  it("computes the next slot of a daily cron in the configured time zone", () => {
    const after = new Date("2026-11-26T12:00:00Z");
    expect(nextRunAt("17 3 * * *", after, "UTC").toISOString()).toBe("2026-11-27T03:17:00.000Z");
    expect(nextRunAt("17 3 * * *", after, "Europe/Berlin").toISOString()).toBe("2026-11-27T02:17:00.000Z");
  });

  it("declares valid, unique, kebab-case jobs with parseable schedules", () => {
    const names = jobDefinitions.map((job) => job.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of jobDefinitions) {
      expect(job.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      if (job.schedule) expect(() => nextRunAt(job.schedule as string, new Date(), "UTC")).not.toThrow();
      // Scheduled jobs run with an empty payload.
      if (job.schedule) expect(job.payload.safeParse({}).success).toBe(true);
    }
  });
});
