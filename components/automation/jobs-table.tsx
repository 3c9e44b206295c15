"use client";

import { ChevronDown, ChevronRight, Pause, Play, RotateCcw, Zap } from "lucide-react";
import { useRouter } from "next/navigation";
import { Fragment, useEffect, useState } from "react";

import {
  pauseJobAction,
  resumeJobAction,
  retryFailedJobsAction,
  runJobNowAction,
} from "@/app/(app)/automation/actions";
import { useRunAction } from "@/components/alerts/use-run-action";
import { LocalTime } from "@/components/profile/local-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { JobHistory } from "./job-history";
import { formatDuration, RunOutcome } from "./run-outcome";
import type { JobView } from "./types";

export function JobsTable({ jobs }: { jobs: JobView[] }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const { pending, run } = useRunAction();
  const router = useRouter();
  const running = jobs.some((job) => job.lastRun?.status === "running");
  // While a run is in progress (or was just asked for), look again shortly for its outcome.
  const [watching, setWatching] = useState(0);
  useEffect(() => {
    if (!running && watching === 0) return;
    const timer = setTimeout(() => {
      router.refresh();
      setWatching((n) => Math.max(0, n - 1));
    }, 1500);
    return () => clearTimeout(timer);
  }, [running, watching, router]);
  const toggle = (name: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <div className="rounded-lg border">
      <Table data-testid="jobs-table">
        <TableHeader>
          <TableRow>
            <TableHead className="w-8" />
            <TableHead>Job</TableHead>
            <TableHead>Schedule</TableHead>
            <TableHead>Next run</TableHead>
            <TableHead>Last run</TableHead>
            <TableHead>Queue</TableHead>
            <TableHead className="text-right">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {jobs.map((job) => {
            const open = expanded.has(job.name);
            return (
              <Fragment key={job.name}>
                <TableRow data-testid="job-row" data-job={job.name}>
                  <TableCell>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-7"
                      aria-expanded={open}
                      aria-label={`${open ? "Hide" : "Show"} recent runs of ${job.name}`}
                      onClick={() => toggle(job.name)}
                      data-testid="job-expand"
                    >
                      {open ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                    </Button>
                  </TableCell>
                  <TableCell className="max-w-80 whitespace-normal">
                    <div className="flex items-center gap-2 font-medium font-mono text-sm">
                      {job.name}
                      {job.paused ? (
                        <Badge variant="secondary" data-testid="job-paused">
                          Paused
                        </Badge>
                      ) : null}
                    </div>
                    <div className="text-muted-foreground text-xs">{job.description}</div>
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    {job.schedule ? (
                      <>
                        <div className="text-sm">{job.scheduleText}</div>
                        <code className="text-muted-foreground text-xs">{job.schedule}</code>
                      </>
                    ) : (
                      <span className="text-muted-foreground text-sm">Queued by the system</span>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <LocalTime value={job.nextRunAt} fallback={job.paused ? "Paused" : "—"} />
                  </TableCell>
                  <TableCell className="whitespace-normal" data-testid="job-last-run">
                    {job.lastRun ? (
                      <div className="flex flex-col gap-1">
                        <div className="flex items-center gap-2">
                          <RunOutcome status={job.lastRun.status} />
                          <span className="text-muted-foreground text-xs">
                            {formatDuration(job.lastRun.durationMs)}
                          </span>
                        </div>
                        <span className="text-xs">
                          <LocalTime value={job.lastRun.startedAt} />
                        </span>
                        {job.lastRun.error ? (
                          <span
                            className="max-w-64 truncate text-destructive text-xs"
                            title={job.lastRun.error}
                          >
                            {job.lastRun.error}
                          </span>
                        ) : null}
                      </div>
                    ) : (
                      <span className="text-muted-foreground text-sm">Never</span>
                    )}
                  </TableCell>
                  <TableCell className="text-sm" data-testid="job-queue">
                    {job.queue ? (
                      <span>
                        {job.queue.waiting + job.queue.delayed} waiting · {job.queue.active} active ·{" "}
                        <span className={job.queue.failed ? "text-destructive" : undefined}>
                          {job.queue.failed} failed
                        </span>
                      </span>
                    ) : (
                      <span className="text-muted-foreground">In process</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-1">
                      {job.canRunNow ? (
                        <Button
                          variant="outline"
                          size="sm"
                          disabled={pending}
                          data-testid="job-run-now"
                          onClick={() =>
                            run(runJobNowAction, { job: job.name }, `${job.name} queued.`, () => {
                              setWatching(4);
                              setExpanded((c) => new Set(c).add(job.name));
                            })
                          }
                        >
                          <Zap aria-hidden /> Run now
                        </Button>
                      ) : null}
                      {job.schedule ? (
                        job.paused ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            disabled={pending}
                            data-testid="job-resume"
                            onClick={() => run(resumeJobAction, { job: job.name }, `${job.name} resumed.`)}
                          >
                            <Play aria-hidden /> Resume
                          </Button>
                        ) : (
                          <Button
                            variant="ghost"
                            size="sm"
                            disabled={pending}
                            data-testid="job-pause"
                            onClick={() =>
                              run(
                                pauseJobAction,
                                { job: job.name },
                                `${job.name} paused: scheduled runs are skipped.`,
                              )
                            }
                          >
                            <Pause aria-hidden /> Pause
                          </Button>
                        )
                      ) : null}
                      {job.queue && job.queue.failed > 0 ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={pending}
                          data-testid="job-retry-failed"
                          onClick={() =>
                            run(
                              retryFailedJobsAction,
                              { job: job.name },
                              `Failed ${job.name} jobs queued again.`,
                            )
                          }
                        >
                          <RotateCcw aria-hidden /> Retry failed
                        </Button>
                      ) : null}
                    </div>
                  </TableCell>
                </TableRow>
                {open ? (
                  <TableRow data-testid="job-history-row" data-job={job.name}>
                    <TableCell />
                    <TableCell colSpan={6} className="whitespace-normal">
                      <JobHistory runs={job.history} />
                    </TableCell>
                  </TableRow>
                ) : null}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
