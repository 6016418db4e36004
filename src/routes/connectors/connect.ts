import { createRoute, z } from "@hono/zod-openapi";
import { GATEWAY_HEADERS } from "../../../durable-objects/connector-gateway/sockets";
import { createRouter } from "../../app";
import type { AppOpenAPI } from "../../env";
import { ApiError } from "../../errors/api-error";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { PROBLEM_CONTENT_TYPE, ProblemSchema, problem, problemResponse } from "../../errors/problem";
import { authenticateConnector } from "../../services/connectors/authenticate";
import { answerConnectorCheck } from "./connect-check";

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } };

export const connectConnectorRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Connectors"],
  summary: "The connector's WebSocket (used by rtrwnet-connector, not by people)",
  description:
    "Upgrades to the connector's gateway. `Authorization: Bearer <enrollment token>` on the first connect (the " +
    "gateway answers with `enrolled {connectorId, secret}`), `Bearer <connectorId>.<secret>` afterwards. Messages " +
    "are the JSON frames of `src/protocol`; close codes 4001 unauthorized, 4002 replaced by a newer connection, " +
    '4003 protocol error. The text `{"type":"heartbeat"}` is answered with the same text.',
  security: [{ connectorToken: [] }],
  request: {
    query: z.object({
      check: z
        .enum(["1"])
        .optional()
        .openapi({
          description:
            "1: a diagnosis (`--check`): the Worker answers with the current `config` and closes (1000) without " +
            "touching the gateway, so the live connection stays; only the enrolled credential is accepted",
          example: "1",
        }),
    }),
  },
  responses: {
    101: { description: "Switching Protocols: the connector is connected" },
    401: { description: "Unknown, expired, used or revoked token (UNAUTHORIZED)", content: problemContent },
    426: { description: "Not a WebSocket upgrade request", content: problemContent },
    429: openApiErrorResponses[429],
    503: openApiErrorResponses[503],
  },
});

/**
 * `GET /api/v1/connectors/connect`, mounted before the connectors router so no user
 * authentication runs for it. The token is checked here, in the Worker, before the gateway is
 * touched: a stranger never wakes (or learns anything from) a Durable Object.
 */
export function connectorConnectRouter(): AppOpenAPI {
  const app = createRouter();
  app.openAPIRegistry.registerComponent("securitySchemes", "connectorToken", {
    type: "http",
    scheme: "bearer",
    description: "A connector's enrollment token, or `<connectorId>.<secret>` once enrolled",
  });
  app.openapi(connectConnectorRoute, async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      const body = problem("VALIDATION_ERROR", "Expected a WebSocket upgrade (Upgrade: websocket)", c.get("requestId"));
      return problemResponse({ ...body, status: 426, title: "Upgrade required" }, { upgrade: "websocket" }) as never;
    }
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token) throw new ApiError("UNAUTHORIZED", "A connector token is required");
    if (c.req.valid("query").check === "1") return (await answerConnectorCheck(c, token)) as never;
    const ns = c.env.CONNECTOR_GATEWAY;
    if (!ns) throw new ApiError("SERVICE_UNAVAILABLE", "Connectors are not configured on this server");
    const auth = await authenticateConnector(c.get("dbs").system(), token, new Date());
    if (!auth) throw new ApiError("UNAUTHORIZED", "Unknown, expired or revoked connector token");
    const headers: Record<string, string> = {
      upgrade: "websocket",
      [GATEWAY_HEADERS.connectorId]: auth.connectorId,
      [GATEWAY_HEADERS.tenantId]: auth.tenantId,
    };
    if (auth.enrolledSecret) headers[GATEWAY_HEADERS.enrolledSecret] = auth.enrolledSecret;
    const res = await ns.get(ns.idFromName(auth.connectorId)).fetch("https://connector-gateway/connect", { headers });
    if (res.status !== 101 || !res.webSocket) {
      c.get("log").error("connector gateway refused a verified connection", { status: res.status });
      throw new ApiError("SERVICE_UNAVAILABLE", "The connector gateway is unavailable");
    }
    return new Response(null, { status: 101, webSocket: res.webSocket }) as never;
  });
  return app;
}
