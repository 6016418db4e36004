import type { DbOrTx } from "../../src/db/client";
import { auditLogs, customers, infrastructureItems, servicePlans, tenants, tickets } from "../../src/db/schema";

/** How many rows of each kind to give a tenant in a data-isolation property. */
export interface RowCounts {
  plans: number;
  customersPerPlan: number;
  items: number;
  ticketsPerCustomer: number;
  audits: number;
}

/**
 * Inserts rows of several related tables for one tenant through the given (system) handle, so
 * isolation properties range over real foreign-key graphs, not one table.
 */
export async function seedTenantRows(db: DbOrTx, tenantId: string, n: RowCounts, tag: string): Promise<void> {
  for (let p = 0; p < n.plans; p++) {
    const [plan] = await db
      .insert(servicePlans)
      .values({ tenantId, name: `${tag}-plan-${p}`, speedDownloadMbps: 10 + p, speedUploadMbps: 5, price: 150_000 + p })
      .returning({ id: servicePlans.id });
    if (!plan || n.customersPerPlan === 0) continue;
    const made = await db
      .insert(customers)
      .values(
        Array.from({ length: n.customersPerPlan }, (_, c) => ({
          tenantId,
          customerCode: `${tag}-${p}-${c}`,
          name: `Pelanggan ${tag} ${p}-${c}`,
          phone: "081234567890",
          address: "Jl. Mawar 1",
          servicePlanId: plan.id,
          monthlyFee: 150_000,
        })),
      )
      .returning({ id: customers.id });
    if (n.ticketsPerCustomer === 0) continue;
    await db.insert(tickets).values(
      made.flatMap((cust, ci) =>
        Array.from({ length: n.ticketsPerCustomer }, (_, k) => ({
          tenantId,
          customerId: cust.id,
          ticketNumber: `${tag}-${p}-${ci}-${k}`,
          title: "Internet mati",
          description: "Tidak ada koneksi sejak pagi",
        })),
      ),
    );
  }
  if (n.items > 0) {
    await db.insert(infrastructureItems).values(
      Array.from({ length: n.items }, (_, i) => ({
        tenantId,
        name: `${tag}-item-${i}`,
        type: "cable" as const,
        quantity: 100,
        unit: "meter" as const,
      })),
    );
  }
  if (n.audits > 0) {
    await db.insert(auditLogs).values(
      Array.from({ length: n.audits }, (_, i) => ({
        tenantId,
        actorType: "system" as const,
        action: "create",
        entityType: "test",
        entityId: `${tag}-${i}`,
      })),
    );
  }
}

export async function insertBareTenant(db: DbOrTx, slug: string): Promise<string> {
  const [t] = await db.insert(tenants).values({ name: slug, slug }).returning({ id: tenants.id });
  if (!t) throw new Error("no tenant inserted");
  return t.id;
}
