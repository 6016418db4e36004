import type { AppContext } from "../../env";
import { ApiError } from "../../errors/api-error";
import { secretBox } from "../../lib/secrets";
import { encodeMessage, parseConnectorToken } from "../../protocol";
import { authenticateConnector } from "../../services/connectors/authenticate";
import { connectorConfig } from "../../services/connectors/config";
import { systemTenantContext } from "../../services/system-context";

/**
 * `connect?check=1` (the connector's `--check`): the same path as a real connect (address, TLS,
 * proxies, the WebSocket upgrade, the credential), answered by the Worker itself with the current
 * `config` and a normal close. The connector's gateway is not touched, so a diagnosis run next to a
 * live connector does not replace its socket. Only the enrolled credential is accepted: an
 * enrollment token is spent by a real connect, never by a check.
 */
export async function answerConnectorCheck(c: AppContext, token: string): Promise<Response> {
  if (parseConnectorToken(token)?.kind !== "credential")
    throw new ApiError(
      "UNAUTHORIZED",
      "A check needs the connector's credential (<id>.<secret>), not an enrollment token",
    );
  const auth = await authenticateConnector(c.get("dbs").system(), token, new Date());
  if (!auth) throw new ApiError("UNAUTHORIZED", "Unknown, expired or revoked connector token");
  const secrets = secretBox(c.get("config").ENCRYPTION_KEY);
  const ctx = await systemTenantContext(c.get("dbs").app(), auth.tenantId, "connector-check", secrets);
  if (!ctx) throw new ApiError("UNAUTHORIZED", "Unknown, expired or revoked connector token");
  const config = await connectorConfig(ctx, auth.connectorId);
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  server.send(encodeMessage(config));
  server.close(1000, "check complete");
  return new Response(null, { status: 101, webSocket: client });
}
