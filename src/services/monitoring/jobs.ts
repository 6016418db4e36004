import type { DbRegistry } from "../../db/client";
import type { Config } from "../../env";
import { pruneMonitoring, rollUpMonitoring } from "./rollup";
import { checkUsageThresholds } from "./thresholds";

/** The hourly monitoring job: roll-ups, then the usage alerts over the hour just closed, then retention. */
export async function runMonitoringHourly(deps: { dbs: DbRegistry; config: Config }, now: Date) {
  const db = deps.dbs.system();
  const { buckets } = await rollUpMonitoring(db, now);
  const usage = await checkUsageThresholds(db, now);
  const pruned = await pruneMonitoring(db, now, { rawDays: deps.config.MONITORING_RAW_RETENTION_DAYS });
  return { buckets, usageChecked: usage.checked, usageAlerts: usage.raised, usageResolved: usage.resolved, ...pruned };
}
