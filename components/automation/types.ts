export type JobRunView = {
  id: string;
  status: string;
  trigger: string;
  startedAt: string;
  durationMs: number | null;
  error: string | null;
};

export type JobView = {
  name: string;
  description: string;
  schedule: string | null;
  scheduleText: string | null;
  nextRunAt: string | null;
  paused: boolean;
  canRunNow: boolean;
  lastRun: JobRunView | null;
  /** BullMQ only; null when jobs run in the web process. */
  queue: { waiting: number; active: number; delayed: number; failed: number; completed: number } | null;
  history: JobRunView[];
};
