import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getItem } from "../../services/inventory/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { InfrastructureItemSchema, ItemIdParams } from "./schema";

export const getItemRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Inventory"],
  summary: "Get an inventory item",
  permission: "inventory:read",
  request: { params: ItemIdParams },
  responses: { 200: jsonContent(InfrastructureItemSchema, "The item"), ...openApiErrorResponses },
});

export function registerGetItem(app: AppOpenAPI) {
  app.openapi(getItemRoute, async (c) => c.json(await getItem(serviceContext(c), c.req.valid("param").id), 200));
}
