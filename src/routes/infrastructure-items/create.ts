import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createItem } from "../../services/inventory/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreateItemBody, InfrastructureItemSchema } from "./schema";

export const createItemRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Inventory"],
  summary: "Add an inventory item (quantity > 0; below its minimum it raises a low-stock alert)",
  permission: "inventory:write",
  request: { body: jsonBody(CreateItemBody) },
  responses: { 201: jsonContent(InfrastructureItemSchema, "The created item"), ...openApiErrorResponses },
});

export function registerCreateItem(app: AppOpenAPI) {
  app.openapi(createItemRoute, async (c) => c.json(await createItem(serviceContext(c), c.req.valid("json")), 201));
}
