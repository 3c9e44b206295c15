import { deliverNotification } from "@/lib/notifications/deliver";
import { notificationDeliveryJob } from "@/lib/queue/definitions";
import type { JobProcessor } from "@/lib/queue/types";

/** Sends one delivery row; throws on failure so the queue retries with backoff. */
export const processNotificationDelivery: JobProcessor = async (payload) => {
  const { deliveryId } = notificationDeliveryJob.payload.parse(payload);
  return deliverNotification(deliveryId);
};
