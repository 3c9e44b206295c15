import { runDigests } from "@/lib/notifications/dispatch";
import type { JobProcessor } from "@/lib/queue/types";

/** Every minute: digest messages whose period has elapsed, and deliveries whose enqueue was lost. */
export const processNotificationDigest: JobProcessor = () => runDigests(new Date());
