import { and, eq, sql } from "drizzle-orm";
import { afterAll, expect, describe as group, it } from "vitest";
import { connectors, customers, devices, mikrotikRouters } from "../../../src/db/schema";
import { secretBox } from "../../../src/lib/secrets";
import { type CloudMessage, type Command, credentialToken } from "../../../src/protocol";
import { sweepPendingProvisioning } from "../../../src/services/provisioning/sweep";
import { enrollAndHello, okData, seedConnectorNetwork } from "../../durable-objects/connector-seed";
import { eventually, FakeConnector, must } from "../../durable-objects/fake-connector";
import { api, describe } from "../../support/api";
import { testJobDeps } from "../../support/jobs";
import { backupNow } from "./fixtures";

const t = testJobDeps();
const db = t.deps.dbs.system();
afterAll(() => t.close());

type Config = Extract<CloudMessage, { type: "config" }>;
const isConfig = (m: CloudMessage): m is Config => m.type === "config";

/** Live customers on `routerId`, applied on the router: what the backup will hold. */
async function seedCustomers(tenantId: string, planId: string, routerId: string, tag: string) {
  const passwordEnc = await secretBox(t.deps.config.ENCRYPTION_KEY).encrypt("rahasia123");
  const rows = await db
    .insert(customers)
    .values(
      (["active", "suspended", "terminated"] as const).map((status) => ({
        tenantId,
        customerCode: `C-${tag}-${status}`,
        name: "Pelanggan",
        phone: "+6281234567890",
        address: "Jl. Mawar 1",
        servicePlanId: planId,
        monthlyFee: 100_000,
        status,
        routerId,
        pppoeUsername: `${status}-${tag}`,
        pppoePasswordEnc: passwordEnc,
        provisioningState: "applied" as const,
      })),
    )
    .returning({ id: customers.id, status: customers.status, pppoeUsername: customers.pppoeUsername });
  return rows;
}

/** The tenant's connector rows, whole, as Postgres renders them. */
const connectorRows = (tenantId: string) =>
  db
    .execute<{ line: string }>(
      sql`select to_jsonb(c)::text as line from connectors c where tenant_id = ${tenantId} order by id`,
    )
    .then((r) => r.rows.map((x) => x.line));

group("POST /api/v1/backups/{id}/restore and the network", () => {
  it("200: live connectors stay (credentials work), links to a deleted one become null, routers get their restored state through the sweep", async () => {
    const net = await seedConnectorNetwork();
    const tenantId = net.tenant.id;
    const tag = Date.now().toString(36);
    // In the backup: K1 (not yet enrolled) with router A and three customers on it; K0 with router R0 and device D0.
    const [k0] = await db
      .insert(connectors)
      .values({ tenantId, name: `K0 ${tag}`, status: "online", secretHash: "old-hash" })
      .returning();
    const [r0] = await db
      .insert(mikrotikRouters)
      .values({ tenantId, name: `R0 ${tag}`, host: "10.0.0.9", username: "u", passwordEnc: "x", connectorId: k0?.id })
      .returning();
    await db.insert(devices).values({
      tenantId,
      name: `D0 ${tag}`,
      type: "olt",
      ipAddress: "10.0.0.8",
      connectorId: k0?.id,
      status: "online",
    });
    const seeded = await seedCustomers(tenantId, net.planId, net.routerId, tag);
    // A stale observation in the backup: `offline` would also keep the sweep away from A's customers.
    await db
      .update(mikrotikRouters)
      .set({ status: "offline", lastSeen: new Date(Date.now() - 86_400_000) })
      .where(eq(mikrotikRouters.id, net.routerId));
    const backup = await backupNow(net.admin);
    expect(backup.status, JSON.stringify(backup)).toBe("succeeded");

    // After the backup: K1 enrolls (new secret hash, online), K2 is created, K0 is deleted, router B
    // is added on K1 (K1's config now lists it), and the terminated customer is re-activated.
    const { conn, secret } = await enrollAndHello(net);
    const k2 = await must<{ id: string }>(201, "/api/v1/connectors", {
      headers: net.admin,
      body: { name: `K2 ${tag}` },
    });
    await db.delete(connectors).where(eq(connectors.id, k0?.id as string));
    const routerB = await must<{ id: string }>(201, "/api/v1/routers", {
      headers: net.admin,
      body: {
        name: `B ${tag}`,
        host: "10.0.0.2",
        username: "api",
        password: "router-pass-2",
        connectorId: net.connectorId,
      },
    });
    await conn.next((m) => isConfig(m) && m.routers.some((r) => r.routerId === routerB.id));
    await db
      .update(customers)
      .set({ status: "active" })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.pppoeUsername, `terminated-${tag}`)));
    const live = await connectorRows(tenantId);
    expect(live.map((l) => JSON.parse(l).id).sort()).toEqual([net.connectorId, k2.id].sort());

    const res = await api(`/api/v1/backups/${backup.id}/restore`, { method: "POST", headers: net.admin });
    expect(res.status, describe(res)).toBe(200);

    // The connectors are the live ones, row for row (K1's new secret hash, its status and last_seen).
    expect(await connectorRows(tenantId)).toEqual(live);
    // Restored links to the deleted K0 are null; A keeps K1; B (added after the backup) is gone.
    const routers = await db.select().from(mikrotikRouters).where(eq(mikrotikRouters.tenantId, tenantId));
    expect(routers.map((r) => [r.id, r.connectorId, r.status]).sort()).toEqual(
      [
        [net.routerId, net.connectorId, "unknown"],
        [r0?.id, null, "unknown"],
      ].sort(),
    );
    const [d0] = await db.select().from(devices).where(eq(devices.tenantId, tenantId));
    expect(d0).toMatchObject({ connectorId: null, status: "unknown" });
    // Every restored live customer on a router waits for the sweep.
    const restored = await db.select().from(customers).where(eq(customers.tenantId, tenantId));
    expect(restored.map((c) => [c.status, c.provisioningState, c.provisioningError]).sort()).toEqual(
      seeded.map((c) => [c.status, "pending", null]).sort(),
    );
    // K1 is told its routers again (B no longer among them).
    const config = await conn.next(
      (m): m is Config => isConfig(m) && !m.routers.some((r) => r.routerId === routerB.id),
    );
    expect(config.routers.map((r) => r.routerId)).toEqual([net.routerId]);

    // The sweep re-applies the restored state: secrets back (suspended ones disabled), the terminated one removed.
    const commands: Command[] = [];
    conn.autoReply((cmd) => {
      commands.push(cmd);
      return { data: okData(cmd) };
    });
    const swept = await sweepPendingProvisioning(t.deps, new Date(Date.now() + 120_000), { tenantId });
    expect(swept).toEqual({ pending: 3, enqueued: expect.any(Number) });
    const applied = await eventually(
      () =>
        db
          .select()
          .from(customers)
          .where(and(eq(customers.tenantId, tenantId), eq(customers.provisioningState, "applied"))),
      (rows) => rows.length === 3,
      10_000,
    );
    expect(applied).toHaveLength(3);
    const secrets = commands
      .filter((c) => c.op === "ensureSecret")
      .map((c) => c.args as { name: string; disabled: boolean });
    expect(secrets.map((s) => [s.name, s.disabled]).sort()).toEqual([
      [`active-${tag}`, false],
      [`suspended-${tag}`, true],
    ]);
    expect(commands.filter((c) => c.op === "ensureAbsent").map((c) => c.args)).toEqual([
      { path: "/ppp/secret", name: `terminated-${tag}` },
    ]);
    // K1's secret, issued after the backup, still opens a connection: the restore did not lock it out.
    const again = await FakeConnector.connect(credentialToken(net.connectorId, secret));
    expect(again.res.status).toBe(101);
    again.conn?.close();
  });
});
