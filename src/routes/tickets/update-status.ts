import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateTicketStatus } from "../../services/tickets/update-status";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { TicketIdParams, TicketSchema, UpdateTicketStatusBody } from "./schema";

export const updateTicketStatusRoute = tenantRoute({
  method: "patch",
  path: "/{id}/status",
  tags: ["Tickets"],
  summary: "Move a ticket one step: open → in_progress → resolved → closed (anything else: 409; same status: no-op)",
  permission: "tickets:write",
  request: { params: TicketIdParams, body: jsonBody(UpdateTicketStatusBody) },
  responses: { 200: jsonContent(TicketSchema, "The ticket in its new status"), ...openApiErrorResponses },
});

export function registerUpdateTicketStatus(app: AppOpenAPI) {
  app.openapi(updateTicketStatusRoute, async (c) =>
    c.json(await updateTicketStatus(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
