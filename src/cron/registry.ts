import type { JobDeps } from "../queues/deps";
import { pruneBackups } from "../services/backups/prune";
import { runMonthlyBilling } from "../services/billing/monthly-billing";
import { runOverdueJob } from "../services/billing/overdue-job";
import { sweepEventEmails } from "../services/email/from-events";
import { publishPendingEvents } from "../services/events/outbox-sweep";
import { runMonitoringHourly } from "../services/monitoring/jobs";
import { detectOffline } from "../services/monitoring/offline";
import { sweepPendingProvisioning } from "../services/provisioning/sweep";
import { reconcileDaily } from "../services/reconcile/daily";
import { expireSpeedBoosts } from "../services/speed-boosts/expire";
import { enqueueDailyBackups, failStaleBackupRuns } from "./jobs/backups";
import { sweepEmailOutbox } from "./jobs/email-outbox";

/** The cron expressions of wrangler.toml `[triggers] crons`; a test checks both lists agree. */
export const CRONS = {
  everyMinute: "* * * * *",
  every5Minutes: "*/5 * * * *",
  hourly: "0 * * * *",
  dailyBilling: "5 17 * * *",
  dailyBackups: "30 19 * * *",
} as const;

/** What a run did, as counts for the log line (`{ created: 12 }`). */
export type CronCounts = Record<string, number>;

export interface CronEntry {
  name: string;
  cron: (typeof CRONS)[keyof typeof CRONS];
  /** Idempotent and late-safe: runs on the privileged `system` handle, across tenants. */
  run(deps: JobDeps, now: Date): Promise<CronCounts>;
}

/** Every scheduled rule (ARCHITECTURE.md "Jobs"). Several entries may share an expression. */
export const CRON_ENTRIES: CronEntry[] = [
  {
    /** Realtime delivery lost after commit (the hub was unreachable): retried a minute later. */
    name: "event-outbox-sweep",
    cron: CRONS.everyMinute,
    run: (deps, now) =>
      publishPendingEvents(deps.dbs.system(), deps.realtime, { createdBefore: new Date(now.getTime() - 30_000) }),
  },
  {
    /** Emails of events whose run of the email rules failed or was lost (`emails_due` still set). */
    name: "event-email-sweep",
    cron: CRONS.everyMinute,
    run: (deps, now) => sweepEventEmails(deps.dbs.system(), deps.queue, new Date(now.getTime() - 120_000)),
  },
  { name: "offline-detection", cron: CRONS.everyMinute, run: (deps, now) => detectOffline(deps.dbs.system(), now) },
  { name: "provisioning-sweep", cron: CRONS.every5Minutes, run: (deps, now) => sweepPendingProvisioning(deps, now) },
  {
    name: "speed-boost-expiry",
    cron: CRONS.every5Minutes,
    run: (deps, now) => expireSpeedBoosts(deps.dbs.system(), now),
  },
  { name: "email-outbox-sweep", cron: CRONS.every5Minutes, run: (deps) => sweepEmailOutbox(deps) },
  {
    /** Pending past due → overdue; then isolir: customers whose invoice is unpaid past the tenant's grace days. */
    name: "overdue-payments",
    cron: CRONS.hourly,
    run: (deps, now) => runOverdueJob(deps.dbs.system(), now),
  },
  { name: "monitoring-rollups", cron: CRONS.hourly, run: (deps, now) => runMonitoringHourly(deps, now) },
  {
    /** Daily, not on the 1st only: the run bills the current month in each tenant's zone and skips
     * what is billed already, so a missed or failed day is made up by the next one. */
    name: "monthly-billing",
    cron: CRONS.dailyBilling,
    run: (deps, now) => runMonthlyBilling(deps.dbs.system(), now),
  },
  { name: "reconcile", cron: CRONS.dailyBilling, run: (deps, now) => reconcileDaily(deps, now) },
  { name: "backup-stale-runs", cron: CRONS.dailyBackups, run: (deps, now) => failStaleBackupRuns(deps, now) },
  { name: "backups", cron: CRONS.dailyBackups, run: (deps, now) => enqueueDailyBackups(deps, now) },
  {
    name: "backup-retention",
    cron: CRONS.dailyBackups,
    run: async (deps, now) => {
      const bucket = deps.env.BACKUPS as R2Bucket | undefined;
      if (!bucket) throw new Error("the BACKUPS bucket binding is missing");
      return pruneBackups(deps.dbs.system(), bucket, now);
    },
  },
];
