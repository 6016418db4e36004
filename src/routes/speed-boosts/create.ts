import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { requestSpeedBoost } from "../../services/speed-boosts/request";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreateSpeedBoostBody, SpeedBoostSchema } from "./schema";

export const createSpeedBoostRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Speed boosts"],
  summary: "Request a speed boost to a faster plan (priced now, pending until approved)",
  permission: "speed_boosts:write",
  request: { body: jsonBody(CreateSpeedBoostBody) },
  responses: { 201: jsonContent(SpeedBoostSchema, "The pending speed boost"), ...openApiErrorResponses },
});

export function registerCreateSpeedBoost(app: AppOpenAPI) {
  app.openapi(createSpeedBoostRoute, async (c) =>
    c.json(await requestSpeedBoost(serviceContext(c), c.req.valid("json")), 201),
  );
}
