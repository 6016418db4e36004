import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ticketCounters } from "../../db/schema";
import { localPeriod } from "../../lib/time";

/** `TKT-<YYYYMM>-<n>`, n zero-padded to 4 digits (a 10 000th ticket in a month just gets 5). */
export function formatTicketNumber(period: string, n: number): string {
  return `TKT-${period}-${String(n).padStart(4, "0")}`;
}

/** The counter period of an instant: the month in the tenant's time zone, `YYYYMM`. */
export function ticketPeriod(now: Date, timeZone: string): string {
  return localPeriod(now, timeZone).replace("-", "");
}

/**
 * The next ticket number of the tenant's month (Property 30). One upsert: the counter row's lock
 * serialises concurrent creations until commit, so numbers are unique without retries, and a
 * rolled-back creation gives its number back.
 */
export async function allocateTicketNumber(tx: Tx, tenantId: string, period: string): Promise<string> {
  const [row] = await tx
    .insert(ticketCounters)
    .values({ tenantId, period, nextValue: 2 })
    .onConflictDoUpdate({
      target: [ticketCounters.tenantId, ticketCounters.period],
      set: { nextValue: sql`${ticketCounters.nextValue} + 1` },
    })
    .returning({ n: sql<number>`${ticketCounters.nextValue} - 1` });
  if (!row) throw new Error("ticket counter upsert returned nothing");
  return formatTicketNumber(period, Number(row.n));
}
