import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { customers } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { MISSING_ID, type NetworkTenants, networkTenants, seedConnector } from "../../support/network-seed";
import { seedAlert } from "../alerts/fixtures";

interface RouterBody {
  id: string;
  name: string;
  hasPassword: boolean;
  connectorId: string | null;
  [k: string]: unknown;
}

let fx: NetworkTenants;
let theirs: string;
let planId: string;
beforeAll(async () => {
  fx = await networkTenants();
  theirs = (await newRouter(fx.otherAdmin)).id;
  const { db, close } = testDb("system");
  planId = (await seedPlan(db, fx.tenant.id)).id;
  await close();
});
afterAll(() => fx.remove());

let n = 0;
async function newRouter(headers = fx.as.admin) {
  const res = await api<RouterBody>("/api/v1/routers", {
    headers,
    body: { name: `RB ${++n}`, host: "10.0.0.1", username: "api", password: "pw-123456" },
  });
  if (res.status !== 201) throw new Error(describe(res));
  return res.body;
}
const path = (id: string) => `/api/v1/routers/${id}`;

group("GET /api/v1/routers/{id}", () => {
  it("200: for a technician; 404: unknown and another tenant's; 401: no token", async () => {
    const r = await newRouter();
    const res = await api<RouterBody>(path(r.id), { headers: fx.as.technician });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toEqual(r);
    for (const id of [MISSING_ID, theirs]) expect((await api(path(id), { headers: fx.as.admin })).status).toBe(404);
    expect((await api(path(r.id))).status).toBe(401);
  });
});

group("PATCH /api/v1/routers/{id}", () => {
  it("200: rename, deactivate, attach a connector, change the password", async () => {
    const r = await newRouter();
    const { db, close } = testDb("system");
    const connector = await seedConnector(db, fx.tenant.id);
    await close();
    const res = await api<RouterBody>(path(r.id), {
      method: "PATCH",
      headers: fx.as.admin,
      body: { name: "RB Renamed", isActive: false, connectorId: connector, password: "another-pass" },
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ name: "RB Renamed", isActive: false, connectorId: connector, hasPassword: true });
    expect(res.text).not.toContain("another-pass");
  });

  it("200: a new password puts the router's failed customers back to pending; a rename does not", async () => {
    const r = await newRouter();
    const { db, close } = testDb("system");
    const state = async (id: string) =>
      (
        await db
          .select({ state: customers.provisioningState, error: customers.provisioningError })
          .from(customers)
          .where(eq(customers.id, id))
      )[0];
    try {
      const failed = { routerId: r.id, provisioningState: "failed" as const, provisioningError: "login failure" };
      const a = await seedCustomer(db, fx.tenant.id, planId, failed);
      const applied = await seedCustomer(db, fx.tenant.id, planId, { routerId: r.id, provisioningState: "applied" });
      const rename = await api(path(r.id), { method: "PATCH", headers: fx.as.admin, body: { name: `RB ${++n}` } });
      expect(rename.status, describe(rename)).toBe(200);
      expect(await state(a.id)).toEqual({ state: "failed", error: "login failure" });
      const fixed = await api(path(r.id), { method: "PATCH", headers: fx.as.admin, body: { password: "fixed-pass" } });
      expect(fixed.status, describe(fixed)).toBe(200);
      expect(await state(a.id)).toEqual({ state: "pending", error: null });
      expect(await state(applied.id)).toEqual({ state: "applied", error: null });
    } finally {
      await close();
    }
  });

  it("409: renaming onto another router's name", async () => {
    const a = await newRouter();
    const b = await newRouter();
    const res = await api(path(b.id), { method: "PATCH", headers: fx.as.admin, body: { name: a.name } });
    expect(res.status, describe(res)).toBe(409);
  });

  it("400: null password (required), read-only fields; 404: theirs; 403: operator", async () => {
    const r = await newRouter();
    for (const body of [{ password: null }, { routerosVersion: "7.1" }, { host: "" }]) {
      const res = await api(path(r.id), { method: "PATCH", headers: fx.as.admin, body });
      expect(res.status, `${JSON.stringify(body)}: ${describe(res)}`).toBe(400);
    }
    expect((await api(path(theirs), { method: "PATCH", headers: fx.as.admin, body: { name: "x" } })).status).toBe(404);
    expect((await api(path(r.id), { method: "PATCH", headers: fx.as.operator, body: { name: "x" } })).status).toBe(403);
  });
});

group("DELETE /api/v1/routers/{id}", () => {
  it("204: a router no customer uses", async () => {
    const r = await newRouter();
    expect((await api(path(r.id), { method: "DELETE", headers: fx.as.admin })).status).toBe(204);
    expect((await api(path(r.id), { headers: fx.as.admin })).status).toBe(404);
  });

  it("204: the router's open offline alert is resolved with it; a kept router's alert stays open", async () => {
    const r = await newRouter();
    const kept = await newRouter();
    const alert = { type: "router_offline" as const, entityType: "router" };
    const { db, close } = testDb("system");
    const gone = await seedAlert(db, fx.tenant.id, { ...alert, entityId: r.id });
    const stays = await seedAlert(db, fx.tenant.id, { ...alert, entityId: kept.id });
    await close();
    const del = await api(path(r.id), { method: "DELETE", headers: fx.as.admin });
    expect(del.status, describe(del)).toBe(204);
    const status = async (id: string) =>
      (await api<{ status: string }>(`/api/v1/alerts/${id}`, { headers: fx.as.admin })).body.status;
    expect(await status(gone)).toBe("resolved");
    expect(await status(stays)).toBe("open");
  });

  it("409: a router that serves customers, even a soft-deleted one", async () => {
    const live = await newRouter();
    const kept = await newRouter();
    const { db, close } = testDb("system");
    await seedCustomer(db, fx.tenant.id, planId, { routerId: live.id });
    await seedCustomer(db, fx.tenant.id, planId, { routerId: kept.id, deletedAt: new Date() });
    await close();
    for (const r of [live, kept]) {
      const res = await api<{ code: string }>(path(r.id), { method: "DELETE", headers: fx.as.admin });
      expect(res.status, describe(res)).toBe(409);
      expect(res.body.code).toBe("CONFLICT");
      expect((await api(path(r.id), { headers: fx.as.admin })).status).toBe(200);
    }
  });

  it("404: another tenant's router; 403: a technician; 401: no token", async () => {
    expect((await api(path(theirs), { method: "DELETE", headers: fx.as.admin })).status).toBe(404);
    const r = await newRouter();
    expect((await api(path(r.id), { method: "DELETE", headers: fx.as.technician })).status).toBe(403);
    expect((await api(path(r.id), { method: "DELETE" })).status).toBe(401);
  });
});
