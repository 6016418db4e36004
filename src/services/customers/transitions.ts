import type { CUSTOMER_STATUSES } from "../../db/schema";

export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/**
 * Allowed status changes: suspend and reinstate freely, terminate from either; terminated is final
 * (a returning household signs up again and gets a new code). Staying put is not a change (409).
 */
const NEXT: Record<CustomerStatus, readonly CustomerStatus[]> = {
  active: ["suspended", "terminated"],
  suspended: ["active", "terminated"],
  terminated: [],
};

export function canTransition(from: CustomerStatus, to: CustomerStatus): boolean {
  return NEXT[from].includes(to);
}
