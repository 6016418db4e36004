import { OpResultSchemas, SendMailArgsSchema } from "../../protocol";
import type { ConnectorGatewayClient } from "../connectors/gateway";
import type { OutgoingMail, SmtpTransportConfig } from "./send";

/**
 * How long the email consumer waits for the connector's answer: longer than the connector's own
 * SMTP stage timeouts (connector/src/ops/send-mail.ts: 10 s connect, 10 s greeting, 20 s idle), so
 * a slow mail server is reported by the connector with its reply rather than as our timeout.
 */
export const RELAY_TIMEOUT_MS = 60_000;

/** No connector of the tenant can take the email now; the queue retries with backoff. */
export class ConnectorRelayUnavailableError extends Error {
  override name = "ConnectorRelayUnavailableError";
}

/** The connector tried and the mail server (or the connector) said no; the message is its reply. */
export class ConnectorRelayError extends Error {
  override name = "ConnectorRelayError";
}

/**
 * Sends one email through the tenant's on-premises connector, which relays it with nodemailer to
 * the ISP's own SMTP server (a private address or port 25 a Worker cannot reach). The connectors
 * are tried in the order `resolveTransport` gave (online first, most recently seen first); the
 * first connected one sends it. The command id is the notification id, so a retry after a lost
 * answer gets the connector's remembered result instead of a second email.
 */
export async function relayViaConnector(
  gateway: ConnectorGatewayClient,
  t: SmtpTransportConfig,
  mail: OutgoingMail,
): Promise<{ messageId: string }> {
  if (!gateway.available) throw new ConnectorRelayUnavailableError("Delivery via the connector: no gateway binding");
  const connectorIds = t.connectorIds ?? [];
  if (connectorIds.length === 0) {
    throw new ConnectorRelayUnavailableError("Delivery via the connector: the tenant has no enrolled connector");
  }
  const parsed = SendMailArgsSchema.safeParse({
    transport: {
      host: t.host,
      port: t.port,
      secure: t.secure,
      ...(t.username ? { username: t.username, password: t.password ?? "" } : {}),
    },
    mail: {
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    },
  });
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new ConnectorRelayError(`This email cannot be relayed by the connector (invalid ${where})`);
  }
  const op = { op: "sendMail" as const, args: parsed.data };
  for (const connectorId of connectorIds) {
    const outcome = await gateway.request(connectorId, null, op, RELAY_TIMEOUT_MS, mail.id);
    switch (outcome.kind) {
      case "offline":
        continue;
      case "timeout":
        throw new ConnectorRelayError(`The connector did not answer within ${RELAY_TIMEOUT_MS / 1000} s`);
      case "error":
        throw new ConnectorRelayError(`${outcome.error.message} (via the connector: ${outcome.error.code})`);
      case "ok": {
        const data = OpResultSchemas.sendMail.safeParse(outcome.data);
        if (!data.success) throw new ConnectorRelayError("The connector answered sendMail with unexpected data");
        return { messageId: data.data.messageId };
      }
    }
  }
  throw new ConnectorRelayUnavailableError("Delivery via the connector: no connector of the tenant is online");
}
