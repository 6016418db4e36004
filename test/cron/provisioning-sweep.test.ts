import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { connectors, customers, mikrotikRouters } from "../../src/db/schema";
import { secretBox } from "../../src/lib/secrets";
import { sweepPendingProvisioning } from "../../src/services/provisioning/sweep";
import { bareTenant, plan } from "../routes/monitoring/monitoring-seed";
import { testJobDeps } from "../support/jobs";

const t = testJobDeps();
const db = t.deps.dbs.system();
afterAll(() => t.close());

type RouterRow = typeof mikrotikRouters.$inferInsert;
type ConnectorRow = typeof connectors.$inferInsert;

async function router(
  tenantId: string,
  name: string,
  connector: Partial<ConnectorRow> | null,
  extra: Partial<RouterRow>,
) {
  const [c] = connector
    ? await db
        .insert(connectors)
        .values({ tenantId, name, status: "online", ...connector })
        .returning({ id: connectors.id })
    : [];
  const [r] = await db
    .insert(mikrotikRouters)
    .values({ tenantId, name, host: "10.0.0.1", username: "u", passwordEnc: "x", connectorId: c?.id ?? null, ...extra })
    .returning({ id: mikrotikRouters.id });
  if (!r) throw new Error("no router");
  return r.id;
}

describe("provisioning sweep", () => {
  it("takes only customers that can progress now: 500 stuck older ones do not starve a newer one", async () => {
    const tenant = await bareTenant(db);
    try {
      const planId = await plan(db, tenant.id, 10, 5);
      const stuckRouters = [
        await router(tenant.id, "no-connector", null, { status: "unknown" }),
        await router(tenant.id, "inactive", {}, { isActive: false, status: "online" }),
        await router(tenant.id, "connector-offline", { status: "offline" }, { status: "unknown" }),
        await router(tenant.id, "connector-revoked", { revokedAt: new Date() }, { status: "online" }),
        await router(tenant.id, "router-offline", {}, { status: "offline" }),
      ];
      const ready = await router(tenant.id, "ready", {}, { status: "online" });
      const passwordEnc = await secretBox(t.deps.config.ENCRYPTION_KEY).encrypt("rahasia123");
      const now = new Date();
      const row = (i: number, routerId: string, ageMs: number) => ({
        tenantId: tenant.id,
        customerCode: `C-${i}`,
        name: "Pelanggan",
        phone: "+6281234567890",
        address: "Jl. Mawar 1",
        servicePlanId: planId,
        monthlyFee: 100_000,
        status: "active" as const,
        routerId,
        pppoeUsername: `user${i}`,
        pppoePasswordEnc: passwordEnc,
        provisioningState: "pending" as const,
        updatedAt: new Date(now.getTime() - ageMs),
      });
      await db
        .insert(customers)
        .values(
          Array.from({ length: 500 }, (_, i) => row(i, stuckRouters[i % stuckRouters.length] as string, 3_600_000 + i)),
        );
      await db.insert(customers).values(row(500, ready, 120_000));

      const result = await sweepPendingProvisioning(t.deps, now, { tenantId: tenant.id });
      expect(result.pending).toBe(1);
      // A swept customer gets a report (here: its connector has no socket, so "waiting"); the stuck ones none.
      const touched = await db
        .select({ code: customers.customerCode, error: customers.provisioningError })
        .from(customers)
        .where(and(eq(customers.tenantId, tenant.id), isNotNull(customers.provisioningError)));
      expect(touched.map((c) => c.code)).toEqual(["C-500"]);
    } finally {
      await tenant.remove();
    }
  });
});
