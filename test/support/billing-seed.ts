import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../src/db/client";
import { customers, type NewCustomer, servicePlans, tenants } from "../../src/db/schema";
import type { Role, ServiceContext, TenantInfo } from "../../src/services/context";
import { uniqueSlug } from "./harness";

let seq = 0;
const next = () => {
  seq += 1;
  return `${Date.now().toString(36)}${seq}${Math.random().toString(36).slice(2, 5)}`;
};

/**
 * Rows for billing, dashboard and export tests, written straight through a (system) handle — the
 * customers API is another team's and need not exist yet.
 */
export async function seedPlan(
  db: DbOrTx,
  tenantId: string,
  opts: { price?: number; downloadMbps?: number; name?: string } = {},
): Promise<{ id: string; name: string }> {
  const name = opts.name ?? `Paket ${next()}`;
  const [plan] = await db
    .insert(servicePlans)
    .values({
      tenantId,
      name,
      speedDownloadMbps: opts.downloadMbps ?? 20,
      speedUploadMbps: 5,
      price: opts.price ?? 150_000,
    })
    .returning({ id: servicePlans.id });
  if (!plan) throw new Error("no plan inserted");
  return { id: plan.id, name };
}

export async function seedCustomer(
  db: DbOrTx,
  tenantId: string,
  planId: string,
  overrides: Partial<NewCustomer> = {},
): Promise<{ id: string; customerCode: string; billingDay: number; monthlyFee: number }> {
  const [row] = await db
    .insert(customers)
    .values({
      tenantId,
      customerCode: `PLG-${next()}`,
      name: "Siti Rahayu",
      phone: "081234567890",
      address: "Jl. Mawar 1",
      servicePlanId: planId,
      monthlyFee: 150_000,
      billingDay: 15,
      ...overrides,
    })
    .returning({
      id: customers.id,
      customerCode: customers.customerCode,
      billingDay: customers.billingDay,
      monthlyFee: customers.monthlyFee,
    });
  if (!row) throw new Error("no customer inserted");
  return row;
}

/** A tenant row without users, for service-level properties (faster than the platform API). */
export async function insertTenant(db: DbOrTx, opts: { timezone?: string; locale?: "id" | "en" } = {}) {
  const slug = uniqueSlug("bill");
  const [t] = await db
    .insert(tenants)
    .values({ name: `ISP ${slug}`, slug, timezone: opts.timezone ?? "Asia/Jakarta", locale: opts.locale ?? "id" })
    .returning();
  if (!t) throw new Error("no tenant inserted");
  const info: TenantInfo = {
    id: t.id,
    slug: t.slug,
    name: t.name,
    timezone: t.timezone,
    locale: t.locale,
    isActive: t.isActive,
  };
  return info;
}

/** Deletes a tenant and everything it owns, audit rows included (the system role's purge path). */
export async function purgeTenant(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.purge_tenant', ${id}, true)`);
    await tx.execute(sql`delete from tenants where id = ${id}`);
  });
}

/** A user's service context on the row-level-security handle, as a request would build it. */
export function userContext(tenant: TenantInfo, db: Db, role: Role = "admin"): ServiceContext {
  return { tenant, actor: { type: "user", userId: crypto.randomUUID(), role }, db, requestId: `test-${next()}` };
}
