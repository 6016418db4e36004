import { createTenantRouter } from "../../../app";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { BillingSettingsInput, getBillingSettings, putBillingSettings } from "../../../services/billing/settings";
import { serviceContext } from "../../context";
import { jsonBody, jsonContent } from "../../shared";
import { tenantRoute } from "../../tenant-route";

/** `.extend({})`: a fresh instance, created after @hono/zod-openapi extended zod (the service one may predate it). */
const BillingSettingsSchema = BillingSettingsInput.extend({}).openapi("BillingSettings");
const BillingSettingsBody = BillingSettingsInput.strict().openapi("PutBillingSettings", {
  example: { suspendAfterDays: 7 },
});

export const getBillingSettingsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Settings"],
  summary: "The tenant's billing policy (isolir: automatic suspension of unpaid customers)",
  permission: "settings:read",
  responses: { 200: jsonContent(BillingSettingsSchema, "The settings"), ...openApiErrorResponses },
});

export const putBillingSettingsRoute = tenantRoute({
  method: "put",
  path: "/",
  tags: ["Settings"],
  summary: "Replace the billing policy",
  permission: "settings:write",
  request: { body: jsonBody(BillingSettingsBody) },
  responses: { 200: jsonContent(BillingSettingsSchema, "The settings now"), ...openApiErrorResponses },
});

/** `/api/v1/settings/billing` (admins). */
export function billingSettingsRouter() {
  const app = createTenantRouter();
  app.openapi(getBillingSettingsRoute, async (c) => c.json(await getBillingSettings(serviceContext(c)), 200));
  app.openapi(putBillingSettingsRoute, async (c) =>
    c.json(await putBillingSettings(serviceContext(c), c.get("dbs").system(), c.req.valid("json")), 200),
  );
  return app;
}
