import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getTicket } from "../../services/tickets/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { TicketIdParams, TicketSchema } from "./schema";

export const getTicketRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Tickets"],
  summary: "Get a ticket",
  permission: "tickets:read",
  request: { params: TicketIdParams },
  responses: { 200: jsonContent(TicketSchema, "The ticket"), ...openApiErrorResponses },
});

export function registerGetTicket(app: AppOpenAPI) {
  app.openapi(getTicketRoute, async (c) => c.json(await getTicket(serviceContext(c), c.req.valid("param").id), 200));
}
