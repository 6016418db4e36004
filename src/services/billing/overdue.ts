import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recordSystemChangesSql } from "../events/record-sql";
import type { BillingRunOptions } from "./monthly-billing";
import { overduePassTenantFilter } from "./settings";

/**
 * The overdue job (cron): every `pending` payment whose due date has passed — the tenant's local
 * date at `now` is after it — becomes `overdue` (Property 20). Set-based, one statement, audited
 * (actor `system`, action `status_change`) and announced in the outbox in the same transaction.
 * It compares against "today" in each tenant's zone rather than a window, so a run that is late
 * (or the first after an outage) catches up on everything; a second run finds nothing. A payment
 * paid concurrently is skipped: the UPDATE re-checks `status = 'pending'` on the locked row.
 */
export async function markOverduePayments(
  db: Db,
  now: Date,
  opts: BillingRunOptions = {},
): Promise<{ updated: number }> {
  const runId = `cron:mark-overdue:${crypto.randomUUID()}`;
  const at = now.toISOString();
  const tenantFilter = overduePassTenantFilter(at, opts);
  const result = await db.execute<{ updated: number }>(sql`
    with updated as (
      update payments p
      set status = 'overdue', updated_at = now()
      from tenants t
      where t.id = p.tenant_id and t.is_active and p.status = 'pending'
        and p.due_date < (${at}::timestamptz at time zone t.timezone)::date
        ${tenantFilter}
      returning p.id, p.tenant_id, p.invoice_number, p.due_date
    ),
    entries as (
      select tenant_id, 'payment' as entity_type, id::text as entity_id, 'status_change' as action,
             jsonb_build_object('status', jsonb_build_object('old', 'pending', 'new', 'overdue')) as changes,
             jsonb_build_object('id', id, 'invoiceNumber', invoice_number, 'dueDate', due_date,
               'status', 'overdue') as data
      from updated
    ),
    ${recordSystemChangesSql("entries", runId)}
    select count(*)::int as updated from updated
  `);
  return { updated: Number(result.rows[0]?.updated ?? 0) };
}
