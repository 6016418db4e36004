import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listSpeedBoosts } from "../../services/speed-boosts/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ListSpeedBoostsQuery, SpeedBoostListSchema } from "./schema";

export const listSpeedBoostsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Speed boosts"],
  summary: "List speed boosts (newest request first), by status and customer",
  permission: "speed_boosts:read",
  request: { query: ListSpeedBoostsQuery },
  responses: { 200: jsonContent(SpeedBoostListSchema, "A page of speed boosts"), ...openApiErrorResponses },
});

export function registerListSpeedBoosts(app: AppOpenAPI) {
  app.openapi(listSpeedBoostsRoute, async (c) =>
    c.json(await listSpeedBoosts(serviceContext(c), c.req.valid("query")), 200),
  );
}
