import { eq } from "drizzle-orm";
import { z } from "zod";
import { SMTP_DELIVERY_MODES, SMTP_SECURE_MODES, type TenantSmtpSetting, tenantSmtpSettings } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { assertSecretResupplied } from "../secret-destination";

const Hostname = z
  .string()
  .trim()
  .max(253)
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    "not a host name",
  );

export const SmtpSettingsInput = z.object({
  host: z
    .union([Hostname, z.ipv6()])
    .meta({ description: "Mail server host name or IP", example: "mail.warungnet.id" }),
  port: z.number().int().min(1).max(65535).meta({ example: 587 }),
  secureMode: z.enum(SMTP_SECURE_MODES).meta({
    description: "none, starttls (required upgrade) or tls (TLS from the start, usually 465)",
    example: "starttls",
  }),
  username: z.string().trim().min(1).max(254).nullable().optional().meta({ example: "billing@warungnet.id" }),
  /** Omitted: keep the stored one (unless the server changes); null: remove it. Never returned. */
  password: z.string().min(1).max(512).nullable().optional().meta({
    description:
      "Write-only; omit to keep the stored password, null to remove it. Required when host, port, secureMode or delivery change while a password is stored",
    example: "app-password",
  }),
  fromAddress: z
    .email()
    .max(254)
    .meta({ description: "Sender address of the tenant's emails", example: "billing@warungnet.id" }),
  delivery: z.enum(SMTP_DELIVERY_MODES).default("direct").meta({
    description: "direct from the cloud, or via the on-premises connector (private mail servers)",
    example: "direct",
  }),
});
export type SmtpSettingsInput = z.input<typeof SmtpSettingsInput>;

export function toSmtpSettingsView(row: TenantSmtpSetting | undefined) {
  if (!row) {
    return {
      source: "platform" as const,
      host: null,
      port: null,
      secureMode: null,
      username: null,
      hasPassword: false,
      fromAddress: null,
      delivery: null,
      updatedAt: null,
    };
  }
  return {
    source: "tenant" as const,
    host: row.host,
    port: row.port,
    secureMode: row.secureMode,
    username: row.username,
    hasPassword: row.passwordEnc !== null,
    fromAddress: row.fromAddress,
    delivery: row.delivery,
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type SmtpSettingsView = ReturnType<typeof toSmtpSettingsView>;

/** The tenant's own SMTP server, or `source: "platform"` when its email goes through the platform's. */
export async function getSmtpSettings(ctx: ServiceContext): Promise<SmtpSettingsView> {
  requirePermission(ctx, "settings:read");
  return withTenantTx(ctx, async (tx) => {
    const [row] = await tx.select().from(tenantSmtpSettings).where(eq(tenantSmtpSettings.tenantId, ctx.tenant.id));
    return toSmtpSettingsView(row);
  });
}

/**
 * Where the stored password is sent: the server, how the connection is secured (a downgrade to
 * `none` would send it in clear), and whether the cloud or the tenant's connector — inside another
 * network, where the same name may reach another machine — connects. Changing any of them needs
 * the password again (secret-destination.ts).
 */
const PASSWORD_DESTINATION = ["host", "port", "secureMode", "delivery"] as const;

/**
 * Creates or replaces the tenant's SMTP settings; the password is encrypted (AES-256-GCM) before it
 * is stored. A new destination for a stored password needs the password (400 naming `password`).
 */
export async function putSmtpSettings(ctx: ServiceContext, input: SmtpSettingsInput): Promise<SmtpSettingsView> {
  requirePermission(ctx, "settings:write");
  const data = SmtpSettingsInput.parse(input);
  const tenantId = ctx.tenant.id;
  if (data.password && !ctx.secrets) throw new Error("no secret box to encrypt the SMTP password");
  const passwordEnc = data.password && ctx.secrets ? await ctx.secrets.encrypt(data.password) : data.password;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const [before] = await tx
      .select()
      .from(tenantSmtpSettings)
      .where(eq(tenantSmtpSettings.tenantId, tenantId))
      .for("update");
    const values = {
      host: data.host,
      port: data.port,
      secureMode: data.secureMode,
      username: data.username ?? null,
      fromAddress: data.fromAddress.toLowerCase(),
      delivery: data.delivery,
      ...(passwordEnc !== undefined ? { passwordEnc } : {}),
    };
    if (before) {
      assertSecretResupplied({
        changes: diff(before, values),
        destination: PASSWORD_DESTINATION,
        secretField: "password",
        secretSent: data.password !== undefined,
        secretStored: before.passwordEnc !== null,
      });
    }
    const [row] = await tx
      .insert(tenantSmtpSettings)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: tenantSmtpSettings.tenantId, set: values })
      .returning();
    if (!row) throw new Error("upsert returned no SMTP settings");
    await recordChange(tx, txCtx, {
      tenantId,
      action: before ? "update" : "create",
      entityType: "settings",
      entityId: "smtp",
      changes: before ? diff(before, values) : values,
    });
    return toSmtpSettingsView(row);
  });
}
