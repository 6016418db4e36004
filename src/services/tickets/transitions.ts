import type { TICKET_STATUSES } from "../../db/schema";

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * The ticket state machine (Property 31): one step forward at a time, open → in_progress →
 * resolved → closed. Kept strict as the spec states it: no skipping (a ticket is worked on before it
 * is resolved) and no reopening (a customer whose problem returns gets a new ticket, so resolution
 * times stay honest). Setting the current status again is a no-op, not an error, so a retried
 * request is harmless.
 */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ["in_progress"],
  in_progress: ["resolved"],
  resolved: ["closed"],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}
