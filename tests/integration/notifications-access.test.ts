// Notification settings are for settings managers only; channels never show a webhook URL (or any
// other secret) in full, and an edit that leaves it empty keeps it.

import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { hostGroups } from "@/db/schema";
import { NotFoundError, PermissionError } from "@/lib/errors";
import {
  createChannelFor,
  createRuleFor,
  deleteChannelFor,
  deleteRuleFor,
  getChannelFor,
  listChannelsFor,
  listDeliveriesFor,
  listRulesFor,
  sendTestFor,
  updateChannelFor,
  updateRuleFor,
} from "@/lib/notifications/access";
import { resolveChannel } from "@/lib/notifications/channels";
import { BUILTIN_ROLES, signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { userWithScope } from "./host-scope-support";

const SETTINGS: Record<(typeof BUILTIN_ROLES)[number], boolean> = {
  superadmin: true,
  admin: true,
  host_manager: false,
  user: false,
  readonly: false,
};

const HOOK_PATH = "/services/T000/B000/xoxbSecretPathTail";
const SLACK_URL = `https://hooks.slack.example${HOOK_PATH}`;
const WEBHOOK_URL = "https://receiver.example/hooks/9f8e7d6c5b4a39281706";

async function outcome(work: () => Promise<unknown>): Promise<"allow" | "deny"> {
  try {
    await work();
    return "allow";
  } catch (error) {
    if (error instanceof PermissionError) return "deny";
    throw error;
  }
}

describe("notifications access", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });
  let root: TestUser;
  beforeAll(async () => {
    root = await signedInUser("superadmin");
  });

  describe.each(BUILTIN_ROLES)("role %s", (roleName) => {
    const expected = SETTINGS[roleName] ? "allow" : "deny";
    let user: TestUser;
    beforeAll(async () => {
      user = await signedInUser(roleName);
    });

    it("manages channels, rules, tests and the delivery log only with can_manage_settings", async () => {
      const existing = await createChannelFor(root.actor, {
        type: "webhook",
        name: "existing",
        config: { url: WEBHOOK_URL },
        secrets: {},
      });
      // Disabled, and removed below: the run's database is shared with the delivery tests.
      const rule = await createRuleFor(root.actor, { name: "r", channelId: existing.id, enabled: false });
      const actor = user.actor;
      expect(await outcome(() => listChannelsFor(actor))).toBe(expected);
      expect(await outcome(() => getChannelFor(actor, existing.id))).toBe(expected);
      expect(
        await outcome(() =>
          createChannelFor(actor, {
            type: "slack",
            name: "s",
            config: {},
            secrets: { webhookUrl: SLACK_URL },
          }),
        ),
      ).toBe(expected);
      expect(await outcome(() => updateChannelFor(actor, existing.id, { name: "renamed" }))).toBe(expected);
      expect(await outcome(() => sendTestFor(actor, existing.id))).toBe(expected);
      expect(await outcome(() => listDeliveriesFor(actor))).toBe(expected);
      expect(await outcome(() => listRulesFor(actor))).toBe(expected);
      expect(
        await outcome(() => createRuleFor(actor, { name: "r2", channelId: existing.id, enabled: false })),
      ).toBe(expected);
      expect(await outcome(() => updateRuleFor(actor, rule.id, { digestMinutes: 15 }))).toBe(expected);
      expect(await outcome(() => deleteRuleFor(actor, rule.id))).toBe(expected);
      expect(await outcome(() => deleteChannelFor(actor, existing.id))).toBe(expected);
      if (expected === "deny") await deleteChannelFor(root.actor, existing.id);
    });
  });

  it("keeps fleet-wide rules and the delivery log from settings managers limited to host groups", async () => {
    const [group] = await getDb()
      .insert(hostGroups)
      .values({ name: `scope-${Date.now()}` })
      .returning({ id: hostGroups.id });
    const scoped = await userWithScope("admin", [group?.id ?? ""]);
    expect(scoped.actor.hostGroupScope).not.toBeNull();
    await expect(listDeliveriesFor(scoped.actor)).rejects.toThrow(PermissionError);
    await expect(
      createRuleFor(scoped.actor, {
        name: "all hosts",
        channelId: randomUUID(),
        alertTypes: [],
        severities: [],
        hostGroupIds: [],
      } as never),
    ).rejects.toThrow(PermissionError);
  });

  it("masks webhook URLs in every view and keeps them when an edit leaves them empty", async () => {
    const slack = await createChannelFor(root.actor, {
      type: "slack",
      name: "slack",
      config: {},
      secrets: { webhookUrl: SLACK_URL },
    });
    const hook = await createChannelFor(root.actor, {
      type: "webhook",
      name: "hook",
      config: { url: WEBHOOK_URL },
      secrets: { hmacSecret: "0123456789abcdef-signing" },
    });
    const ntfy = await createChannelFor(root.actor, {
      type: "ntfy",
      name: "ntfy",
      config: { serverUrl: "https://alice:pw-in-url@ntfy.example/?auth=tokenvalue", topic: "pm" },
      secrets: {},
    });
    const views = JSON.stringify([
      slack,
      hook,
      ntfy,
      await listChannelsFor(root.actor),
      await getChannelFor(root.actor, hook.id),
    ]);
    for (const secret of [HOOK_PATH, "9f8e7d6c5b4a39281706", "signing", "pw-in-url", "tokenvalue"]) {
      expect(views).not.toContain(secret);
    }
    expect(slack.secrets.webhookUrl).toMatch(/^https:\/\/hooks\.slack\.example\/•+$/);
    expect(hook.config.url).toMatch(/^https:\/\/receiver\.example\/•+$/);

    // The form sends empty (or the mask it was shown): the stored URLs stay.
    await updateChannelFor(root.actor, hook.id, {
      name: "hook 2",
      config: { url: "" },
      secrets: { hmacSecret: "" },
    });
    await updateChannelFor(root.actor, slack.id, { config: {}, secrets: { webhookUrl: "" } });
    await updateChannelFor(root.actor, hook.id, { config: { url: hook.config.url } });
    expect((await resolveChannel(hook.id))?.config.url).toBe(WEBHOOK_URL);
    expect((await resolveChannel(hook.id))?.secrets.hmacSecret).toBe("0123456789abcdef-signing");
    expect((await resolveChannel(slack.id))?.secrets.webhookUrl).toBe(SLACK_URL);
    // A new value replaces it.
    await updateChannelFor(root.actor, hook.id, { config: { url: "https://receiver.example/new" } });
    expect((await resolveChannel(hook.id))?.config.url).toBe("https://receiver.example/new");
  });

  it("answers not found for unknown channels and rules, and refuses a rule on a missing channel", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(getChannelFor(root.actor, missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getChannelFor(root.actor, "nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendTestFor(root.actor, missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteRuleFor(root.actor, missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createRuleFor(root.actor, { name: "x", channelId: missing })).rejects.toThrow(
      "Choose an existing channel.",
    );
  });
});
