import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listItems } from "../../services/inventory/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ItemListSchema, ListItemsQuery } from "./schema";

export const listItemsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Inventory"],
  summary: "List inventory items (filters: type, location, lowStock; search name, notes)",
  permission: "inventory:read",
  request: { query: ListItemsQuery },
  responses: { 200: jsonContent(ItemListSchema, "A page of items"), ...openApiErrorResponses },
});

export function registerListItems(app: AppOpenAPI) {
  app.openapi(listItemsRoute, async (c) => c.json(await listItems(serviceContext(c), c.req.valid("query")), 200));
}
