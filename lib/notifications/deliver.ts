// Sends one delivery (notification-delivery job). Attempts are counted on the row; a failure is
// recorded and rethrown so the queue retries with exponential backoff, and the last attempt marks
// the row failed. A row already sent is never sent again.
import { createTransport } from "nodemailer";
import {
  beginDeliveryAttempt,
  finishDeliveryAttempt,
  getDeliveryById,
  withDeliveryLock,
} from "@/db/queries/notifications";
import { getEnv } from "@/lib/env";
import { notificationDeliveryJob } from "@/lib/queue/definitions";
import { resolveChannel } from "./channels";
import { renderEmail, renderHttpRequest } from "./formatters";
import { type NotificationMessage, notificationMessageSchema, type ResolvedChannel } from "./types";

const SEND_TIMEOUT_MS = 10_000;

export async function sendToChannel(
  channel: ResolvedChannel,
  message: NotificationMessage,
  deliveryId: string,
): Promise<void> {
  const serverUrl = getEnv().serverUrl;
  if (channel.type === "email") {
    const config = channel.config as {
      host: string;
      port: number;
      tls: string;
      user?: string;
      from: string;
      to: string[];
    };
    const transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.tls === "tls",
      requireTLS: config.tls === "starttls",
      ignoreTLS: config.tls === "none",
      auth: config.user ? { user: config.user, pass: channel.secrets.password ?? "" } : undefined,
      connectionTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
    try {
      const email = renderEmail(message, { serverUrl });
      await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: email.subject,
        text: email.text,
      });
    } finally {
      transport.close();
    }
    return;
  }
  const request = renderHttpRequest(channel, message, {
    deliveryId,
    timestamp: Math.floor(Date.now() / 1000),
    serverUrl,
  });
  const response = await fetch(request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    redirect: "error",
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  if (!response.ok) {
    const detail = (await response.text().catch(() => "")).slice(0, 200);
    throw new Error(`HTTP ${response.status}${detail ? `: ${detail}` : ""}`);
  }
}

export async function deliverNotification(deliveryId: string): Promise<Record<string, unknown>> {
  const outcome = await withDeliveryLock(deliveryId, () => attemptDelivery(deliveryId));
  return outcome ?? { skipped: "another attempt is in flight" };
}

async function attemptDelivery(deliveryId: string): Promise<Record<string, unknown>> {
  const delivery = await getDeliveryById(deliveryId);
  if (!delivery) return { skipped: "delivery not found" };
  const attempt = await beginDeliveryAttempt(deliveryId);
  if (attempt === undefined) return { skipped: "already sent" };
  try {
    const channel = await resolveChannel(delivery.channelId);
    if (!channel) throw new Error("channel not found");
    const message = notificationMessageSchema.parse(delivery.payload);
    await sendToChannel(channel, message, deliveryId);
  } catch (error) {
    // fetch reports network failures as "fetch failed" with the reason in `cause`.
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const reason = error instanceof Error ? `${error.message}${cause}` : String(error);
    const last = attempt >= notificationDeliveryJob.attempts;
    await finishDeliveryAttempt(deliveryId, {
      status: last ? "failed" : "pending",
      error: reason.slice(0, 1000),
    });
    throw error;
  }
  await finishDeliveryAttempt(deliveryId, { status: "sent", error: null });
  return { sent: true, attempt, channelId: delivery.channelId };
}
