import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getSpeedBoost } from "../../services/speed-boosts/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { SpeedBoostIdParams, SpeedBoostSchema } from "./schema";

export const getSpeedBoostRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Speed boosts"],
  summary: "Get a speed boost",
  permission: "speed_boosts:read",
  request: { params: SpeedBoostIdParams },
  responses: { 200: jsonContent(SpeedBoostSchema, "The speed boost"), ...openApiErrorResponses },
});

export function registerGetSpeedBoost(app: AppOpenAPI) {
  app.openapi(getSpeedBoostRoute, async (c) =>
    c.json(await getSpeedBoost(serviceContext(c), c.req.valid("param").id), 200),
  );
}
