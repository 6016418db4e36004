import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listTickets } from "../../services/tickets/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ListTicketsQuery, TicketListSchema } from "./schema";

export const listTicketsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Tickets"],
  summary: "List tickets, newest first (filters: status, priority, customer, assignee; search title or number)",
  permission: "tickets:read",
  request: { query: ListTicketsQuery },
  responses: { 200: jsonContent(TicketListSchema, "A page of tickets"), ...openApiErrorResponses },
});

export function registerListTickets(app: AppOpenAPI) {
  app.openapi(listTicketsRoute, async (c) => c.json(await listTickets(serviceContext(c), c.req.valid("query")), 200));
}
