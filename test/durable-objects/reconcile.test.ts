import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLogs, customers } from "../../src/db/schema";
import type { Command, OpResult } from "../../src/protocol";
import { reconcileDaily } from "../../src/services/reconcile/daily";
import { api, describe as describeRes } from "../support/api";
import { testDb } from "../support/db";
import { loginAs } from "../support/harness";
import { testJobDeps } from "../support/jobs";
import { createCustomer, enrollAndHello, okData, seedConnectorNetwork } from "./connector-seed";
import { eventually, type FakeConnector } from "./fake-connector";

let jobs: ReturnType<typeof testJobDeps>;
beforeAll(() => {
  jobs = testJobDeps();
});
afterAll(() => jobs.close());

async function readRow<T>(fn: (db: ReturnType<typeof testDb>["db"]) => Promise<T>): Promise<T> {
  const h = testDb("system");
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

type Listing = OpResult<"listManaged">;

/**
 * A connector whose router holds `router` (what `listManaged` answers); every other command is
 * applied as a success and recorded.
 */
function routerBehind(conn: FakeConnector, router: Listing) {
  const commands: Command[] = [];
  conn.autoReply((cmd) => {
    commands.push(cmd);
    if (cmd.op === "listManaged") return { data: router };
    if (cmd.op === "getSession") return { data: { session: null } };
    return { data: okData(cmd) };
  });
  return commands;
}

/** A network with one customer applied on its router, and the router as our ops left it. */
async function appliedNetwork() {
  const net = await seedConnectorNetwork();
  const { conn } = await enrollAndHello(net);
  const profile = `rtrw-plan-${net.planId}`;
  const router: Listing = { secrets: [], profiles: [{ name: profile, planId: net.planId, rateLimit: "10M/20M" }] };
  const commands = routerBehind(conn, router);
  const customer = await createCustomer(net);
  await eventually(
    () => readRow(async (db) => (await db.select().from(customers).where(eq(customers.id, customer.id)))[0]),
    (r) => r?.provisioningState === "applied",
  );
  router.secrets.push({
    name: customer.pppoeUsername,
    customerId: customer.id,
    profile,
    disabled: false,
    password: "rahasia123",
  });
  return { net, conn, router, commands, customer, profile };
}

type Report = {
  drift: { kind: string; name: string; expected: string | null; actual: string | null }[];
  notes: string[];
  enqueued: number | null;
};

const dryRun = async (net: { routerId: string; admin: Record<string, string> }) => {
  const res = await api<Report>(`/api/v1/routers/${net.routerId}/reconcile?dry_run=true`, {
    method: "POST",
    headers: net.admin,
  });
  expect(res.status, describeRes(res)).toBe(200);
  return res;
};

const openAlert = (tenantId: string, routerId: string) =>
  readRow(async (db) => {
    const [a] = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.tenantId, tenantId), eq(alerts.entityId, routerId), eq(alerts.type, "reconcile_drift")));
    return a?.status === "resolved" ? undefined : a;
  });

describe("reconciliation", () => {
  it("a plan that empties on a router leaves an idle profile: not drift, named in the notes, the daily pass is clean", async () => {
    const { net, router, conn } = await appliedNetwork();
    // The customer moved away; only our profile of its old plan is left on the router.
    router.secrets.splice(0);
    router.profiles.push({ name: "rtrw-plan-gone", planId: "gone", rateLimit: "1M/1M" });
    await readRow((db) => db.update(customers).set({ routerId: null }).where(eq(customers.tenantId, net.tenant.id)));
    const res = await dryRun(net);
    expect(res.body.drift).toEqual([]);
    expect(res.body.notes.join("\n")).toContain(`2 managed profile(s) unused on this router, kept: `);
    expect(res.body.notes.join("\n")).toContain("rtrw-plan-gone");
    expect(await reconcileDaily(jobs.deps, new Date(), { tenantId: net.tenant.id })).toMatchObject({
      routers: 1,
      drifted: 0,
    });
    expect(await openAlert(net.tenant.id, net.routerId)).toBeUndefined();
    conn.close();
  });

  it("a password changed by hand is drift, reported without the password; report mode alerts, heal mode sets it back", async () => {
    const { net, router, commands, customer, conn } = await appliedNetwork();
    const secret = router.secrets[0];
    if (!secret) throw new Error("no secret");
    secret.password = "diganti-di-router";
    const res = await dryRun(net);
    expect(res.body.drift).toEqual([
      { kind: "secret_password", name: customer.pppoeUsername, customerId: customer.id, expected: null, actual: null },
    ]);
    expect(JSON.stringify(res.body)).not.toContain("diganti-di-router");
    expect(JSON.stringify(res.body)).not.toContain("rahasia123");

    // Default mode `report`: an alert, and nothing sent to change the router.
    const sentBefore = commands.length;
    expect(await reconcileDaily(jobs.deps, new Date(), { tenantId: net.tenant.id })).toMatchObject({
      routers: 1,
      drifted: 1,
      healed: 0,
    });
    const alert = await openAlert(net.tenant.id, net.routerId);
    expect(alert?.message).toContain("differs from the database in 1 place(s)");
    expect(JSON.stringify(alert?.data)).not.toContain("diganti-di-router");
    expect(commands.slice(sentBefore).map((c) => c.op)).toEqual(["listManaged"]);

    const put = await api("/api/v1/settings/provisioning", {
      method: "PUT",
      headers: net.admin,
      body: { reconcileMode: "heal", pollIntervalSeconds: 30 },
    });
    expect(put.status, describeRes(put)).toBe(200);
    expect(await reconcileDaily(jobs.deps, new Date(), { tenantId: net.tenant.id })).toMatchObject({
      drifted: 1,
      healed: 1,
    });
    const fix = await eventually(
      async () => commands.find((c) => c.op === "ensureSecret" && c.idempotencyKey.startsWith("reconcile:")),
      (c) => c !== undefined,
    );
    expect(fix?.args).toMatchObject({ name: customer.pppoeUsername, password: "rahasia123", comment: customer.id });
    secret.password = "rahasia123";
    expect(await reconcileDaily(jobs.deps, new Date(), { tenantId: net.tenant.id })).toMatchObject({ drifted: 0 });
    expect(await openAlert(net.tenant.id, net.routerId)).toBeUndefined();
    conn.close();
  });
});

describe("settings/provisioning", () => {
  it("defaults, round trip, bounds (9 and 301 → 400), admins only, audited; a new poll interval reaches the connector", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const path = "/api/v1/settings/provisioning";
    expect((await api(path, { headers: net.admin })).body).toEqual({
      reconcileMode: "report",
      pollIntervalSeconds: 30,
    });
    const first = conn.received.find((m) => m.type === "config");
    expect(first).toMatchObject({ pollIntervalMs: 30_000 });

    const operator = (await loginAs(net.tenant, "operator")).headers;
    expect((await api(path, { headers: operator })).status).toBe(403);
    const body = { reconcileMode: "heal", pollIntervalSeconds: 45 };
    expect((await api(path, { method: "PUT", headers: operator, body })).status).toBe(403);
    for (const bad of [
      { reconcileMode: "report", pollIntervalSeconds: 9 },
      { reconcileMode: "report", pollIntervalSeconds: 301 },
      { reconcileMode: "report", pollIntervalSeconds: 30.5 },
      { reconcileMode: "fix", pollIntervalSeconds: 30 },
      { reconcileMode: "report" },
      { ...body, extra: 1 },
    ]) {
      const res = await api<{ code: string }>(path, { method: "PUT", headers: net.admin, body: bad });
      expect(res.status, `${JSON.stringify(bad)}: ${describeRes(res)}`).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
    }
    expect((await api(path, { headers: net.admin })).body).toEqual({
      reconcileMode: "report",
      pollIntervalSeconds: 30,
    });

    const put = await api(path, { method: "PUT", headers: net.admin, body });
    expect(put.status, describeRes(put)).toBe(200);
    expect(put.body).toEqual(body);
    expect((await api(path, { headers: net.admin })).body).toEqual(body);
    // The connected connector gets a new config with the new interval at once.
    await conn.next((m) => m.type === "config" && m.pollIntervalMs === 45_000);

    const audit = await readRow((db) =>
      db
        .select({ action: auditLogs.action, changes: auditLogs.changes })
        .from(auditLogs)
        .where(and(eq(auditLogs.tenantId, net.tenant.id), eq(auditLogs.entityType, "provisioning_settings"))),
    );
    expect(audit).toEqual([
      {
        action: "update",
        changes: { reconcileMode: { old: "report", new: "heal" }, pollIntervalSeconds: { old: 30, new: 45 } },
      },
    ]);
    conn.close();
  });
});
