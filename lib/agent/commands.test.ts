import { describe, expect, it } from "vitest";
import { cronExpression, crontabUpdate } from "./commands";

describe("update interval cron expressions", () => {
  it("follows the protocol's rules", () => {
    expect(cronExpression(5)).toBe("*/5 * * * *");
    expect(cronExpression(30)).toBe("*/30 * * * *");
    expect(cronExpression(60)).toBe("0 * * * *");
    expect(cronExpression(120)).toBe("0 */2 * * *");
    expect(cronExpression(1440)).toBe("0 */24 * * *");
  });

  it("tells the agent to rewrite its crontab", () => {
    expect(crontabUpdate(15)).toMatchObject({ shouldUpdate: true, command: "update-crontab" });
  });
});
