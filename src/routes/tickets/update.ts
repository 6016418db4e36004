import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateTicket } from "../../services/tickets/update";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { TicketIdParams, TicketSchema, UpdateTicketBody } from "./schema";

export const updateTicketRoute = tenantRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Tickets"],
  summary: "Edit a ticket's title, description or priority (a closed ticket: 409)",
  permission: "tickets:write",
  request: { params: TicketIdParams, body: jsonBody(UpdateTicketBody) },
  responses: { 200: jsonContent(TicketSchema, "The updated ticket"), ...openApiErrorResponses },
});

export function registerUpdateTicket(app: AppOpenAPI) {
  app.openapi(updateTicketRoute, async (c) =>
    c.json(await updateTicket(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
