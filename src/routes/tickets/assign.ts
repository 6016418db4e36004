import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { assignTicket } from "../../services/tickets/assign";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { AssignTicketBody, TicketIdParams, TicketSchema } from "./schema";

export const assignTicketRoute = tenantRoute({
  method: "post",
  path: "/{id}/assign",
  tags: ["Tickets"],
  summary: "Assign a ticket to an active user who may work tickets, or unassign it (null); bad user: 400",
  permission: "tickets:write",
  request: { params: TicketIdParams, body: jsonBody(AssignTicketBody) },
  responses: { 200: jsonContent(TicketSchema, "The ticket with its assignee"), ...openApiErrorResponses },
});

export function registerAssignTicket(app: AppOpenAPI) {
  app.openapi(assignTicketRoute, async (c) =>
    c.json(await assignTicket(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
