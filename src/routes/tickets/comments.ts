import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { addComment, listComments } from "../../services/tickets/comments";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import {
  AddCommentBody,
  ListCommentsQuery,
  TicketCommentListSchema,
  TicketCommentSchema,
  TicketIdParams,
} from "./schema";

export const listCommentsRoute = tenantRoute({
  method: "get",
  path: "/{id}/comments",
  tags: ["Tickets"],
  summary: "A ticket's comments, oldest first",
  permission: "tickets:read",
  request: { params: TicketIdParams, query: ListCommentsQuery },
  responses: { 200: jsonContent(TicketCommentListSchema, "A page of comments"), ...openApiErrorResponses },
});

export const addCommentRoute = tenantRoute({
  method: "post",
  path: "/{id}/comments",
  tags: ["Tickets"],
  summary: "Comment on a ticket as the signed-in user (≤ 5000 characters; a closed ticket: 409)",
  permission: "tickets:write",
  request: { params: TicketIdParams, body: jsonBody(AddCommentBody) },
  responses: { 201: jsonContent(TicketCommentSchema, "The comment"), ...openApiErrorResponses },
});

export function registerComments(app: AppOpenAPI) {
  app.openapi(listCommentsRoute, async (c) =>
    c.json(await listComments(serviceContext(c), c.req.valid("param").id, c.req.valid("query")), 200),
  );
  app.openapi(addCommentRoute, async (c) =>
    c.json(await addComment(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );
}
