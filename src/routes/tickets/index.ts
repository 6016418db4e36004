import { createTenantRouter } from "../../app";
import { registerAssignTicket } from "./assign";
import { registerComments } from "./comments";
import { registerCreateTicket } from "./create";
import { registerGetTicket } from "./get";
import { registerListTickets } from "./list";
import { registerUpdateTicket } from "./update";
import { registerUpdateTicketStatus } from "./update-status";

/** `/api/v1/tickets`: customer support tickets, their state machine, assignment and comments. */
export function ticketsRouter() {
  const app = createTenantRouter();
  registerListTickets(app);
  registerCreateTicket(app);
  registerGetTicket(app);
  registerUpdateTicket(app);
  registerUpdateTicketStatus(app);
  registerAssignTicket(app);
  registerComments(app);
  return app;
}
