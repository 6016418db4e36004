import type { AppContext } from "../../env";
import { ApiError } from "../../errors/api-error";
import { bearerToken } from "../../middleware/authenticate";

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The subprotocol a browser offers next to its token; the server selects it in the 101 response. */
export const BEARER_PROTOCOL = "bearer";

/**
 * The token in `Sec-WebSocket-Protocol: bearer, <token>` (browsers cannot set headers on a
 * WebSocket, but they can offer subprotocols), or undefined when the header is not of that form.
 */
export function protocolToken(header: string | undefined): string | undefined {
  const parts = (header ?? "").split(",").map((p) => p.trim());
  if (parts.length !== 2 || parts[0]?.toLowerCase() !== BEARER_PROTOCOL) return undefined;
  return parts[1] || undefined;
}

/**
 * Reads the access token of a WebSocket upgrade: `?access_token=`, else the bearer subprotocol,
 * else the Authorization header (non-browser clients). A 401 when none is there or it is not a JWT.
 */
export function websocketToken(c: AppContext): string {
  const token = c.req.query("access_token") ?? protocolToken(c.req.header("sec-websocket-protocol"));
  if (token === undefined) {
    if (c.req.header("authorization")) return bearerToken(c);
    throw new ApiError(
      "UNAUTHORIZED",
      "Authentication required (access_token query parameter, Sec-WebSocket-Protocol: bearer, <token>, or Authorization: Bearer)",
    );
  }
  if (!JWT_SHAPE.test(token)) throw new ApiError("UNAUTHORIZED", "Malformed access token");
  return token;
}
