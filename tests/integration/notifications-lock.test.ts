// Two attempts at the same delivery running at once (a BullMQ job judged stalled and started again
// while the first still runs) send the message once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDeliveries } from "@/db/queries/notifications";
import { createChannel } from "@/lib/notifications/channels";
import { deliverNotification } from "@/lib/notifications/deliver";
import { useMigratedDatabase } from "../support/database";
import { testDatabaseUrl } from "../support/services";

describe.skipIf(!testDatabaseUrl())("concurrent delivery attempts", () => {
  useMigratedDatabase();
  let hits = 0;
  const server = http.createServer((_request, response) => {
    hits += 1;
    // Slow enough that the second attempt starts while the first is still sending.
    setTimeout(() => response.writeHead(200).end("ok"), 400);
  });
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends once when two attempts overlap", async () => {
    const channel = await createChannel(
      { type: "webhook", name: "lock test", config: { url: `http://127.0.0.1:${port}/hook` }, secrets: {} },
      null,
    );
    const [deliveryId] = await insertDeliveries([
      {
        channelId: channel.id,
        ruleId: null,
        alertId: null,
        payload: { event: "test", title: "t", summary: "s", alerts: [] },
      },
    ]);
    const results = await Promise.all([
      deliverNotification(deliveryId ?? ""),
      deliverNotification(deliveryId ?? ""),
    ]);
    expect(hits).toBe(1);
    expect(results.filter((result) => result.sent === true)).toHaveLength(1);
  });
});
