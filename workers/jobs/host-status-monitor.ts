import { runHostStatusMonitor } from "@/lib/alerts/host-status";
import type { JobProcessor } from "@/lib/queue/types";

/** Every minute: host statuses from last contact, and the time-based alerts. Idempotent. */
export const processHostStatusMonitor: JobProcessor = () => runHostStatusMonitor(new Date());
