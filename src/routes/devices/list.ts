import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listDevices } from "../../services/devices/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { DeviceListSchema, ListDevicesQuery } from "./schema";

export const listDevicesRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Devices"],
  summary: "List devices (filters: type, status; search name, IP address, location)",
  permission: "devices:read",
  request: { query: ListDevicesQuery },
  responses: { 200: jsonContent(DeviceListSchema, "A page of devices"), ...openApiErrorResponses },
});

export function registerListDevices(app: AppOpenAPI) {
  app.openapi(listDevicesRoute, async (c) => c.json(await listDevices(serviceContext(c), c.req.valid("query")), 200));
}
