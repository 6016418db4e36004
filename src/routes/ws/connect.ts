import { z } from "@hono/zod-openapi";
import { decodeJwt } from "jose";
import { identityHeaders } from "../../../durable-objects/tenant-hub/connections";
import type { AppOpenAPI } from "../../env";
import { ApiError } from "../../errors/api-error";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from "../../errors/problem";
import { tenantRoute } from "../tenant-route";
import { BEARER_PROTOCOL, protocolToken, websocketToken } from "./token";

export const ConnectQuerySchema = z
  .object({
    since: z
      .string()
      .regex(/^\d{1,15}$/, "an event id (a non-negative integer)")
      .optional()
      .openapi({
        description:
          "The id of the last message this client received: the missed events after it are replayed " +
          "(within the last 500 events / 10 minutes), else a `replay_gap` message says to refetch",
        example: "1042",
      }),
    access_token: z
      .string()
      .max(4096)
      .optional()
      .openapi({
        description:
          "The access token, for clients that cannot set headers. Browsers should prefer " +
          "`Sec-WebSocket-Protocol: bearer, <token>`, which stays out of URLs and proxy logs",
        example: "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl",
      }),
  })
  .openapi("RealtimeConnectQuery");

export const connectRealtimeRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Realtime"],
  summary: "Open the tenant's realtime WebSocket (domain events after commit)",
  description:
    "Upgrades to a WebSocket on the tenant's hub. Messages are JSON `{ id, event, entityId?, data, timestamp }`; " +
    "events reach a socket only when the user's role may read the entity. Send " +
    '`{"type":"subscribe","topics":["monitoring:<customer id>"]}` to receive high-volume events ' +
    "(bandwidth samples); send the text `ping` for a `pong` heartbeat.",
  permission: "dashboard:read",
  request: { query: ConnectQuerySchema },
  responses: {
    101: { description: "Switching Protocols: the socket is open" },
    426: {
      description: "Not a WebSocket upgrade request (send `Upgrade: websocket`)",
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    },
    ...openApiErrorResponses,
  },
});

export function registerConnectRealtime(app: AppOpenAPI) {
  app.openapi(connectRealtimeRoute, async (c) => {
    const hub = c.env.TENANT_HUB;
    if (!hub) throw new ApiError("SERVICE_UNAVAILABLE", "Realtime delivery is not configured");
    const tenant = c.get("tenant");
    const actor = c.get("actor");
    if (actor.type !== "user") throw new ApiError("UNAUTHORIZED", "A user's access token is required");
    const target = new URL("https://tenant-hub/connect");
    const { since } = c.req.valid("query");
    if (since !== undefined) target.searchParams.set("since", since);

    // Verified by `authenticate` just before; decoded again only for its expiry, which bounds the socket.
    const expiresAt = (decodeJwt(websocketToken(c)).exp ?? 0) * 1000;
    const identity = { tenantId: tenant.id, userId: actor.userId, role: actor.role, expiresAt };
    const res = await hub.get(hub.idFromName(tenant.id)).fetch(target, {
      headers: { upgrade: "websocket", ...identityHeaders(identity) },
    });
    if (res.status !== 101 || !res.webSocket) {
      c.get("log").error("tenant hub refused a verified connection", { status: res.status, body: await res.text() });
      throw new ApiError("SERVICE_UNAVAILABLE", "The realtime hub is unavailable");
    }
    // A browser that offered the bearer subprotocol drops the socket unless the server selects it.
    const headers = new Headers();
    if (protocolToken(c.req.header("sec-websocket-protocol"))) headers.set("sec-websocket-protocol", BEARER_PROTOCOL);
    return new Response(null, { status: 101, webSocket: res.webSocket, headers }) as never;
  });
}
