import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getDevice } from "../../services/devices/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { DeviceIdParams, DeviceSchema } from "./schema";

export const getDeviceRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Devices"],
  summary: "Get a device",
  permission: "devices:read",
  request: { params: DeviceIdParams },
  responses: { 200: jsonContent(DeviceSchema, "The device"), ...openApiErrorResponses },
});

export function registerGetDevice(app: AppOpenAPI) {
  app.openapi(getDeviceRoute, async (c) => c.json(await getDevice(serviceContext(c), c.req.valid("param").id), 200));
}
