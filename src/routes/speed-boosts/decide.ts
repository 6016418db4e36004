import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { approveSpeedBoost } from "../../services/speed-boosts/approve";
import { rejectSpeedBoost } from "../../services/speed-boosts/reject";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { RejectSpeedBoostBody, SpeedBoostIdParams, SpeedBoostSchema } from "./schema";

export const approveSpeedBoostRoute = tenantRoute({
  method: "post",
  path: "/{id}/approve",
  tags: ["Speed boosts"],
  summary: "Approve a pending boost: it starts now and the customer's effective plan switches",
  permission: "speed_boosts:write",
  request: { params: SpeedBoostIdParams },
  responses: { 200: jsonContent(SpeedBoostSchema, "The active speed boost"), ...openApiErrorResponses },
});

export const rejectSpeedBoostRoute = tenantRoute({
  method: "post",
  path: "/{id}/reject",
  tags: ["Speed boosts"],
  summary: "Reject a pending boost with a reason",
  permission: "speed_boosts:write",
  request: { params: SpeedBoostIdParams, body: jsonBody(RejectSpeedBoostBody) },
  responses: { 200: jsonContent(SpeedBoostSchema, "The rejected speed boost"), ...openApiErrorResponses },
});

/** The two decisions on a pending boost. */
export function registerDecideSpeedBoost(app: AppOpenAPI) {
  app.openapi(approveSpeedBoostRoute, async (c) =>
    c.json(await approveSpeedBoost(serviceContext(c), c.req.valid("param").id), 200),
  );
  app.openapi(rejectSpeedBoostRoute, async (c) =>
    c.json(await rejectSpeedBoost(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
