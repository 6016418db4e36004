import { IdSchema } from "./ids.ts";

/**
 * How a connector authenticates the WebSocket upgrade: `Authorization: Bearer <token>`, where the token
 * is either a one-time enrollment token (no dot) or the long-lived credential `<connectorId>.<secret>`.
 * The gateway tells them apart by shape with `parseConnectorToken`, the same function the connector uses.
 */

/** Path of the gateway's WebSocket endpoint under the API origin. */
export const CONNECT_PATH = "/api/v1/connectors/connect";

/** WebSocket close codes the gateway uses (4000–4999 are application codes). */
export const CLOSE_CODES = {
  /** The token was wrong, expired or revoked. The connector retries slowly (an operator must fix it). */
  unauthorized: 4001,
  /** A newer socket of the same connector took over. */
  replaced: 4002,
  /** The peer sent something that is not a protocol message. */
  protocolError: 4003,
} as const;

export type ConnectorToken =
  | { kind: "enrollment"; token: string }
  | { kind: "credential"; connectorId: string; secret: string };

const SECRET_RE = /^[A-Za-z0-9_-]{16,256}$/;

/** Classifies a token; `undefined` for one that is neither shape. Never throws. */
export function parseConnectorToken(token: string): ConnectorToken | undefined {
  const parts = token.split(".");
  if (parts.length === 1) return SECRET_RE.test(token) ? { kind: "enrollment", token } : undefined;
  const [connectorId, secret] = parts;
  if (parts.length !== 2 || connectorId === undefined || secret === undefined) return undefined;
  if (!IdSchema.safeParse(connectorId).success || !SECRET_RE.test(secret)) return undefined;
  return { kind: "credential", connectorId, secret };
}

/** The bearer token for a stored credential. */
export function credentialToken(connectorId: string, secret: string): string {
  return `${connectorId}.${secret}`;
}
