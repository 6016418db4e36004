import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateDevice } from "../../services/devices/update";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { DeviceIdParams, DeviceSchema, UpdateDeviceBody } from "./schema";

export const updateDeviceRoute = tenantRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Devices"],
  summary: "Update a device (status and last seen are monitoring's; password null removes it)",
  permission: "devices:write",
  request: { params: DeviceIdParams, body: jsonBody(UpdateDeviceBody) },
  responses: { 200: jsonContent(DeviceSchema, "The updated device"), ...openApiErrorResponses },
});

export function registerUpdateDevice(app: AppOpenAPI) {
  app.openapi(updateDeviceRoute, async (c) =>
    c.json(await updateDevice(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
