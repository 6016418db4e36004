import type { Db } from "../../db/client";
import { expireSpeedBoosts } from "../speed-boosts/expire";
import { suspendForNonpayment } from "./isolir";
import type { BillingRunOptions } from "./monthly-billing";
import { markOverduePayments } from "./overdue";

/**
 * The hourly overdue job: pending payments past due become overdue (Property 20), then isolir
 * suspends the customers whose invoices stayed unpaid past the tenant's grace days. `tenantId`
 * limits a run to one tenant (tests, a manual re-run).
 *
 * Each tenant is handled from its `isolirHour` (tenant-local, default 10:00) to the end of its day:
 * the first hourly pass at or after that hour does the day's work, a missed or failed one is made
 * up by the next, and the later ones find nothing new unless something changed meanwhile (what both
 * steps pick depends on the tenant's local date, not the hour), so nobody is cut off at midnight when no one can take their cash. A suspended customer's speed
 * boost ends with the suspension (speed-boosts/expire.ts).
 */
export async function runOverdueJob(db: Db, now: Date, opts: BillingRunOptions = {}) {
  const pass = { ...opts, fromIsolirHour: true };
  const counts = { ...(await markOverduePayments(db, now, pass)), ...(await suspendForNonpayment(db, now, pass)) };
  // The boosts of the customers just suspended end now (the 5-minute expiry job would, a little later).
  if (counts.suspended > 0) await expireSpeedBoosts(db, now, { tenantId: opts.tenantId, stoppedOnly: true });
  return counts;
}
