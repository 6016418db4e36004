import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { connectors, tenantSmtpSettings } from "../../db/schema";
import type { Config } from "../../env";
import type { ServiceContext } from "../context";
import { type SmtpTransportConfig, transportFromUrl } from "./send";

/** No tenant settings and no platform default: nothing to send with (counted as a failed attempt). */
export class NoMailServerError extends Error {
  override name = "NoMailServerError";
}

/** The bare address of `Name <addr>` or `addr`. */
export function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/**
 * The mail server of the context's tenant: its own SMTP settings (password decrypted only here,
 * for the send), else the platform default from `SMTP_URL`. Either way the tenant's name is the
 * sender's display name, so customers see who wrote to them.
 */
export async function resolveTransport(
  tx: Tx,
  ctx: ServiceContext,
  config: Pick<Config, "SMTP_URL" | "SMTP_FROM">,
): Promise<SmtpTransportConfig> {
  const [row] = await tx
    .select()
    .from(tenantSmtpSettings)
    .where(eq(tenantSmtpSettings.tenantId, ctx.tenant.id))
    .limit(1);
  if (row) {
    if (row.passwordEnc && !ctx.secrets) throw new Error("no secret box to decrypt the SMTP password");
    return {
      host: row.host,
      port: row.port,
      secure: row.secureMode,
      username: row.username ?? undefined,
      password: row.passwordEnc && ctx.secrets ? await ctx.secrets.decrypt(row.passwordEnc) : undefined,
      from: row.fromAddress,
      delivery: row.delivery,
      ...(row.delivery === "connector" ? { connectorIds: await relayConnectors(tx, ctx.tenant.id) } : {}),
    };
  }
  if (!config.SMTP_URL) throw new NoMailServerError("No SMTP server: the tenant has none and SMTP_URL is unset");
  return transportFromUrl(config.SMTP_URL, addressOf(config.SMTP_FROM));
}

/**
 * Which connector relays the tenant's mail: any enrolled, unrevoked one (the mail server is inside
 * the ISP's network, which every connector of the tenant sits in). The online ones come first in a
 * fixed order (by id), so every attempt of one email goes to the same connector while it stays
 * online: after a timeout, the retry gets that connector's remembered result for the command
 * instead of a second copy from another connector. Only when it has gone offline does another one
 * take the email (then a second copy is possible, a lost email is not). Then the offline ones, the
 * most recently seen first. No setting names one.
 */
async function relayConnectors(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: connectors.id })
    .from(connectors)
    .where(and(eq(connectors.tenantId, tenantId), isNull(connectors.revokedAt), isNotNull(connectors.secretHash)))
    .orderBy(
      sql`${connectors.status} = 'online' desc`,
      sql`case when ${connectors.status} = 'online' then null else ${connectors.lastSeen} end desc nulls last`,
      asc(connectors.id),
    )
    .limit(5);
  return rows.map((r) => r.id);
}
