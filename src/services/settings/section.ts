import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { tenants } from "../../db/schema";
import type { ServiceContext } from "../context";
import { recordChange } from "../events/record";

/** The tenant's `settings` jsonb (sections such as `monitoring`, `billing`), read on the request's handle. */
export async function tenantSettings(ctx: ServiceContext): Promise<Record<string, unknown>> {
  const [row] = await ctx.db.select({ s: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenant.id));
  return row?.s ?? {};
}

/**
 * Replaces one section of `tenants.settings`. `tenants` is read-only to the request role, so the
 * write (this tenant's row only) and its audit row go through the privileged handle, in one
 * transaction. `changes` is the `{field: {old, new}}` diff the audit row records.
 */
export async function putSettingsSection(
  ctx: ServiceContext,
  system: Db,
  section: string,
  value: Record<string, unknown>,
  changes: Record<string, { old: unknown; new: unknown }>,
): Promise<void> {
  await system.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${ctx.tenant.id}, true)`);
    await tx
      .update(tenants)
      .set({
        settings: sql`jsonb_set(${tenants.settings}, ${`{${section}}`}::text[], ${JSON.stringify(value)}::jsonb)`,
      })
      .where(eq(tenants.id, ctx.tenant.id));
    await recordChange(tx, ctx, {
      tenantId: ctx.tenant.id,
      action: "update",
      entityType: `${section}_settings`,
      entityId: ctx.tenant.id,
      changes,
    });
  });
}
