import { createTenantRouter } from "../../../app";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { gatewayClient } from "../../../services/connectors/gateway";
import {
  getProvisioningSettings,
  ProvisioningSettingsInput,
  putProvisioningSettings,
} from "../../../services/provisioning/settings";
import { serviceContext } from "../../context";
import { jsonBody, jsonContent } from "../../shared";
import { tenantRoute } from "../../tenant-route";

/** `.extend({})`: a fresh instance, created after @hono/zod-openapi extended zod (the service one may predate it). */
const ProvisioningSettingsSchema = ProvisioningSettingsInput.extend({}).openapi("ProvisioningSettings");
const ProvisioningSettingsBody = ProvisioningSettingsInput.strict().openapi("PutProvisioningSettings", {
  example: { reconcileMode: "report", pollIntervalSeconds: 30 },
});

export const getProvisioningSettingsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Settings"],
  summary: "What the daily reconciliation does (report, or report and heal) and the connectors' poll interval",
  permission: "settings:read",
  responses: { 200: jsonContent(ProvisioningSettingsSchema, "The settings"), ...openApiErrorResponses },
});

export const putProvisioningSettingsRoute = tenantRoute({
  method: "put",
  path: "/",
  tags: ["Settings"],
  summary: "Replace the provisioning settings (a new poll interval reaches connected connectors at once)",
  permission: "settings:write",
  request: { body: jsonBody(ProvisioningSettingsBody) },
  responses: { 200: jsonContent(ProvisioningSettingsSchema, "The settings now"), ...openApiErrorResponses },
});

/** `/api/v1/settings/provisioning` (admins). */
export function provisioningSettingsRouter() {
  const app = createTenantRouter();
  app.openapi(getProvisioningSettingsRoute, async (c) => c.json(await getProvisioningSettings(serviceContext(c)), 200));
  app.openapi(putProvisioningSettingsRoute, async (c) => {
    const deps = { system: c.get("dbs").system(), gateway: gatewayClient(c.env.CONNECTOR_GATEWAY), log: c.get("log") };
    return c.json(await putProvisioningSettings(serviceContext(c), deps, c.req.valid("json")), 200);
  });
  return app;
}
