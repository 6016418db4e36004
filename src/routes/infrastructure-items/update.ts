import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateItem } from "../../services/inventory/update";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { InfrastructureItemSchema, ItemIdParams, UpdateItemBody } from "./schema";

export const updateItemRoute = tenantRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Inventory"],
  summary: "Update an inventory item (the quantity changes only through PATCH /{id}/quantity)",
  permission: "inventory:write",
  request: { params: ItemIdParams, body: jsonBody(UpdateItemBody) },
  responses: { 200: jsonContent(InfrastructureItemSchema, "The updated item"), ...openApiErrorResponses },
});

export function registerUpdateItem(app: AppOpenAPI) {
  app.openapi(updateItemRoute, async (c) =>
    c.json(await updateItem(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
