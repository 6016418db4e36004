import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../../src/db/client";
import { alerts, customers, domainEvents, servicePlans, tenants } from "../../../src/db/schema";
import type { ServiceContext } from "../../../src/services/context";
import { testDb } from "../../support/db";

/**
 * Bare rows for monitoring properties: a tenant per case (inserted and purged on the privileged
 * handle, far cheaper than the API), plans and customers, and a system-actor context.
 */
export function systemDb() {
  return testDb("system");
}

let n = 0;

export async function bareTenant(db: Db, settings: Record<string, unknown> = {}) {
  const slug = `mon-${Date.now().toString(36)}-${++n}-${Math.random().toString(36).slice(2, 6)}`;
  const [t] = await db.insert(tenants).values({ name: slug, slug, settings }).returning();
  if (!t) throw new Error("no tenant");
  const ctx: ServiceContext = {
    tenant: { id: t.id, slug, name: slug, timezone: t.timezone, locale: t.locale, isActive: true },
    actor: { type: "system", job: "test" },
    db,
  };
  // The purge flag lets the cascade remove the tenant's (append-only) audit rows, as the platform API does.
  const remove = () =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.purge_tenant', ${t.id}, true)`);
      await tx.delete(tenants).where(eq(tenants.id, t.id));
    });
  return { id: t.id, ctx, remove };
}

export async function plan(db: Db, tenantId: string, down: number, up: number) {
  const [p] = await db
    .insert(servicePlans)
    .values({ tenantId, name: `p-${++n}`, speedDownloadMbps: down, speedUploadMbps: up, price: 100_000 })
    .returning({ id: servicePlans.id });
  if (!p) throw new Error("no plan");
  return p.id;
}

export async function customer(
  db: Db,
  tenantId: string,
  planId: string,
  extra: Partial<typeof customers.$inferInsert> = {},
): Promise<string> {
  const [c] = await db
    .insert(customers)
    .values({
      tenantId,
      customerCode: `C-${++n}`,
      name: "Pelanggan",
      phone: "+6281234567890",
      address: "Jl. Mawar 1",
      servicePlanId: planId,
      monthlyFee: 100_000,
      ...extra,
    })
    .returning({ id: customers.id });
  if (!c) throw new Error("no customer");
  return c.id;
}

/** The `<entity>.status_change` events of a tenant, as `[entityId, old, new]`, oldest first. */
export async function statusChangesOf(db: Db, tenantId: string, entityType: string) {
  const rows = await db
    .select({ entityId: domainEvents.entityId, data: domainEvents.data })
    .from(domainEvents)
    .where(
      and(
        eq(domainEvents.tenantId, tenantId),
        eq(domainEvents.entityType, entityType),
        eq(domainEvents.action, "status_change"),
      ),
    )
    .orderBy(domainEvents.id);
  return rows.map((e) => {
    const { status } = e.data as { status: { old: string; new: string } };
    return [e.entityId, status.old, status.new];
  });
}

export type AlertType = (typeof alerts.$inferSelect)["type"];

/** The entity ids of a tenant's unresolved alerts of `type`. */
export async function openAlertsOf(db: Db, tenantId: string, type: AlertType) {
  const rows = await db
    .select({ entityId: alerts.entityId })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.type, type), ne(alerts.status, "resolved")));
  return rows.map((a) => a.entityId);
}
