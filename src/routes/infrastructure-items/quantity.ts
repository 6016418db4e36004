import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { adjustItemQuantity } from "../../services/inventory/adjust-quantity";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { AdjustQuantityBody, InfrastructureItemSchema, ItemIdParams } from "./schema";

export const adjustQuantityRoute = tenantRoute({
  method: "patch",
  path: "/{id}/quantity",
  tags: ["Inventory"],
  summary:
    "Adjust stock by delta or to a counted quantity, with a reason (audited; below 0: 409; below the minimum: low-stock alert)",
  permission: "inventory:write",
  request: { params: ItemIdParams, body: jsonBody(AdjustQuantityBody) },
  responses: { 200: jsonContent(InfrastructureItemSchema, "The item with its new quantity"), ...openApiErrorResponses },
});

export function registerAdjustQuantity(app: AppOpenAPI) {
  app.openapi(adjustQuantityRoute, async (c) =>
    c.json(await adjustItemQuantity(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
