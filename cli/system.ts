import { getSettings } from "@/db/queries/settings";
import { getEnv } from "@/lib/env";
import { BullQueueDriver } from "@/lib/queue/bullmq";
import { getJobDefinition, jobDefinitions } from "@/lib/queue/definitions";
import { executeJob } from "@/lib/queue/run";
import { processors } from "@/workers/registry";
import { CliError } from "./prompt";

export async function settingsShow(json: boolean): Promise<void> {
  const settings = await getSettings();
  if (json) {
    console.log(JSON.stringify(settings, null, 2));
    return;
  }
  const width = Math.max(...Object.keys(settings).map((key) => key.length));
  for (const [key, value] of Object.entries(settings)) {
    const shown = value instanceof Date ? value.toISOString() : value === null ? "-" : String(value);
    console.log(`${key.padEnd(width)}  ${shown}`);
  }
}

/** Runs a job now: hands it to the worker through Redis, or runs it here when there is no Redis. */
export async function jobRun(name: string | undefined): Promise<void> {
  const definition = name ? getJobDefinition(name) : undefined;
  if (!name || !definition) {
    throw new CliError(`give a job name: ${jobDefinitions.map((job) => job.name).join(", ")}`);
  }
  if (getEnv().redis.enabled) {
    const driver = new BullQueueDriver();
    try {
      await driver.enqueue(name, {}, "manual");
    } finally {
      await driver.close();
    }
    console.log(`Queued ${name}; the worker will run it.`);
    return;
  }
  const result = await executeJob(processors, definition, {}, "manual");
  console.log(`Ran ${name}: ${JSON.stringify(result ?? {})}`);
}
