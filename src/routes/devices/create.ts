import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createDevice } from "../../services/devices/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreateDeviceBody, DeviceSchema } from "./schema";

export const createDeviceRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Devices"],
  summary: "Register a device (IPv4 or IPv6 address; the password is stored encrypted and never returned)",
  permission: "devices:write",
  request: { body: jsonBody(CreateDeviceBody) },
  responses: { 201: jsonContent(DeviceSchema, "The created device"), ...openApiErrorResponses },
});

export function registerCreateDevice(app: AppOpenAPI) {
  app.openapi(createDeviceRoute, async (c) => c.json(await createDevice(serviceContext(c), c.req.valid("json")), 201));
}
