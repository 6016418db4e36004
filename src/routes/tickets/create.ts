import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createTicket } from "../../services/tickets/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreateTicketBody, TicketSchema } from "./schema";

export const createTicketRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Tickets"],
  summary: "Open a ticket for a customer (status open, numbered TKT-<YYYYMM>-<n>; unknown customer: 400)",
  permission: "tickets:write",
  request: { body: jsonBody(CreateTicketBody) },
  responses: { 201: jsonContent(TicketSchema, "The created ticket"), ...openApiErrorResponses },
});

export function registerCreateTicket(app: AppOpenAPI) {
  app.openapi(createTicketRoute, async (c) => c.json(await createTicket(serviceContext(c), c.req.valid("json")), 201));
}
