import type { PAYMENT_STATUSES } from "../../db/schema";
import { localDate } from "../../lib/time";

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * The payment state machine. `paid` and `cancelled` are final: money received is not un-received
 * by a status change (a refund would be its own record), and a cancelled invoice stays cancelled
 * (bill again with a new payment) — also because cancelling released its speed boosts to the next
 * billing run (update-status.ts): reviving it would charge them twice. `overdue` cannot go back to
 * `pending`: only the due date decides that, and it is not editable. Setting the current status
 * again is a no-op, not an error, so a retried request is harmless.
 */
export const PAYMENT_TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ["paid", "overdue", "cancelled"],
  overdue: ["paid", "cancelled"],
  paid: [],
  cancelled: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

/**
 * Whether a payment due on `dueDate` (YYYY-MM-DD) is past due at `now`: the tenant's local date is
 * after it (Property 20). The same rule as the overdue job, so a manual `overdue` can only come
 * early by nothing: on the due day itself the payment is still on time.
 */
export function isPastDue(dueDate: string, now: Date, timeZone: string): boolean {
  return localDate(now, timeZone) > dueDate;
}
