import type { Db } from "../../db/client";
import { suspendForNonpayment } from "./isolir";
import type { BillingRunOptions } from "./monthly-billing";
import { markOverduePayments } from "./overdue";

/**
 * The hourly overdue job: pending payments past due become overdue (Property 20), then isolir
 * suspends the customers whose invoices stayed unpaid past the tenant's grace days. `tenantId`
 * limits a run to one tenant (tests, a manual re-run).
 */
export async function runOverdueJob(db: Db, now: Date, opts: BillingRunOptions = {}) {
  return { ...(await markOverduePayments(db, now, opts)), ...(await suspendForNonpayment(db, now, opts)) };
}
