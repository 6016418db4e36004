import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { deleteDevice } from "../../services/devices/remove";
import { serviceContext } from "../context";
import { tenantRoute } from "../tenant-route";
import { DeviceIdParams } from "./schema";

export const deleteDeviceRoute = tenantRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Devices"],
  summary: "Delete a device (409 while other records depend on it)",
  permission: "devices:write",
  request: { params: DeviceIdParams },
  responses: { 204: { description: "Deleted" }, ...openApiErrorResponses },
});

export function registerDeleteDevice(app: AppOpenAPI) {
  app.openapi(deleteDeviceRoute, async (c) => {
    await deleteDevice(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
