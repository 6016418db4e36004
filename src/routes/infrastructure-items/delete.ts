import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { deleteItem } from "../../services/inventory/remove";
import { serviceContext } from "../context";
import { tenantRoute } from "../tenant-route";
import { ItemIdParams } from "./schema";

export const deleteItemRoute = tenantRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Inventory"],
  summary: "Delete an inventory item (soft: it stays on record, out of every list)",
  permission: "inventory:write",
  request: { params: ItemIdParams },
  responses: { 204: { description: "Deleted" }, ...openApiErrorResponses },
});

export function registerDeleteItem(app: AppOpenAPI) {
  app.openapi(deleteItemRoute, async (c) => {
    await deleteItem(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
