import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { auditLogs, devices } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import {
  MISSING_ID,
  type NetworkTenants,
  networkTenants,
  seedConnector,
  testSecrets,
} from "../../support/network-seed";
import { seedAlert } from "../alerts/fixtures";

interface DeviceBody {
  id: string;
  name: string;
  ipAddress: string;
  hasPassword: boolean;
  status: string;
  [k: string]: unknown;
}

let fx: NetworkTenants;
let theirs: string;
beforeAll(async () => {
  fx = await networkTenants();
  const res = await api<DeviceBody>("/api/v1/devices", {
    headers: fx.otherAdmin,
    body: { name: "Their AP", type: "ap", ipAddress: "10.0.0.9" },
  });
  theirs = res.body.id;
});
afterAll(() => fx.remove());

async function newDevice(extra: Record<string, unknown> = {}) {
  const res = await api<DeviceBody>("/api/v1/devices", {
    headers: fx.as.admin,
    body: { name: "AP Kenanga", type: "ap", ipAddress: "10.2.0.1", ...extra },
  });
  if (res.status !== 201) throw new Error(describe(res));
  return res.body;
}

const path = (id: string) => `/api/v1/devices/${id}`;

group("GET /api/v1/devices/{id}", () => {
  it("200 for every role", async () => {
    const d = await newDevice({ password: "pw-12345" });
    for (const role of ["admin", "operator", "technician", "viewer"] as const) {
      const res = await api<DeviceBody>(path(d.id), { headers: fx.as[role] });
      expect(res.status, describe(res)).toBe(200);
      expect(res.body).toEqual(d);
    }
  });

  it("404: unknown and another tenant's id; 400: a malformed id; 401 without a token", async () => {
    for (const id of [MISSING_ID, theirs]) expect((await api(path(id), { headers: fx.as.admin })).status).toBe(404);
    expect((await api(path("nope"), { headers: fx.as.admin })).status).toBe(400);
    expect((await api(path(MISSING_ID))).status).toBe(401);
  });
});

group("PATCH /api/v1/devices/{id}", () => {
  it("200: changes what was sent; a new password is re-encrypted, null removes it; audited without it", async () => {
    const d = await newDevice({ password: "old-pass" });
    const res = await api<DeviceBody>(path(d.id), {
      method: "PATCH",
      headers: fx.as.admin,
      body: { ipAddress: "FD00::0:1", password: "new-pass" },
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ name: "AP Kenanga", ipAddress: "fd00::1", hasPassword: true });
    const { db, close } = testDb("system");
    try {
      const [row] = await db.select().from(devices).where(eq(devices.id, d.id));
      expect(await testSecrets().decrypt(row?.passwordEnc as string)).toBe("new-pass");
      const audits = await db.select().from(auditLogs).where(eq(auditLogs.entityId, d.id));
      expect(JSON.stringify(audits)).not.toContain("new-pass");
      expect(audits.map((a) => a.action).sort()).toEqual(["create", "update"]);
    } finally {
      await close();
    }
    const cleared = await api<DeviceBody>(path(d.id), {
      method: "PATCH",
      headers: fx.as.admin,
      body: { password: null },
    });
    expect(cleared.body.hasPassword).toBe(false);
  });

  it("400 naming password: a new address, port or connector for a stored password without it; 200 with it or without one", async () => {
    const d = await newDevice({ password: "old-pass" });
    const { db, close } = testDb("system");
    try {
      const connector = await seedConnector(db, fx.tenant.id);
      const read = async () => (await db.select().from(devices).where(eq(devices.id, d.id)))[0];
      for (const moved of [{ ipAddress: "10.9.9.9" }, { port: 2222 }, { connectorId: connector }]) {
        const before = await read();
        const refused = await api<{ code: string; details?: { field?: string } }>(path(d.id), {
          method: "PATCH",
          headers: fx.as.admin,
          body: { ...moved, name: "AP Moved" },
        });
        expect(refused.status, `${JSON.stringify(moved)}: ${describe(refused)}`).toBe(400);
        expect(refused.body).toMatchObject({ code: "VALIDATION_ERROR", details: { field: "password" } });
        expect(await read()).toEqual(before);
        const ok = await api(path(d.id), {
          method: "PATCH",
          headers: fx.as.admin,
          body: { ...moved, password: "pw-2" },
        });
        expect(ok.status, describe(ok)).toBe(200);
      }
      const renamed = await api(path(d.id), { method: "PATCH", headers: fx.as.admin, body: { name: "AP Renamed" } });
      expect(renamed.status, describe(renamed)).toBe(200);
      const bare = await newDevice();
      const free = await api(path(bare.id), { method: "PATCH", headers: fx.as.admin, body: { ipAddress: "10.9.9.8" } });
      expect(free.status, describe(free)).toBe(200);
    } finally {
      await close();
    }
  });

  it("400: a bad address, a read-only field, another tenant's connector", async () => {
    const d = await newDevice();
    const { db, close } = testDb("system");
    const theirConnector = await seedConnector(db, fx.other.id).finally(close);
    const bodies = [
      { ipAddress: "10.0.0" },
      { status: "online" },
      { lastSeen: "2026-01-01T00:00:00Z" },
      { connectorId: theirConnector },
    ];
    for (const body of bodies) {
      const res = await api(path(d.id), { method: "PATCH", headers: fx.as.admin, body });
      expect(res.status, `${JSON.stringify(body)}: ${describe(res)}`).toBe(400);
    }
  });

  it("404: another tenant's device; 403: a technician; 401: no token", async () => {
    const d = await newDevice();
    expect((await api(path(theirs), { method: "PATCH", headers: fx.as.admin, body: { name: "x" } })).status).toBe(404);
    expect((await api(path(d.id), { method: "PATCH", headers: fx.as.technician, body: { name: "x" } })).status).toBe(
      403,
    );
    expect((await api(path(d.id), { method: "PATCH", body: { name: "x" } })).status).toBe(401);
  });
});

group("DELETE /api/v1/devices/{id}", () => {
  it("204 then 404: a device nothing depends on is gone", async () => {
    const d = await newDevice();
    const del = await api(path(d.id), { method: "DELETE", headers: fx.as.admin });
    expect(del.status, describe(del)).toBe(204);
    expect((await api(path(d.id), { headers: fx.as.admin })).status).toBe(404);
  });

  it("204: the device's unresolved alerts are resolved with it; another device's alert stays open", async () => {
    const d = await newDevice();
    const other = await newDevice({ ipAddress: "10.2.0.2" });
    const { db, close } = testDb("system");
    const mine = await seedAlert(db, fx.tenant.id, { entityId: d.id });
    const acked = await seedAlert(db, fx.tenant.id, {
      entityId: d.id,
      type: "bandwidth_threshold",
      status: "acknowledged",
      acknowledgedAt: new Date(),
    });
    const theirs = await seedAlert(db, fx.tenant.id, { entityId: other.id });
    await close();
    const del = await api(path(d.id), { method: "DELETE", headers: fx.as.admin });
    expect(del.status, describe(del)).toBe(204);
    const status = async (id: string) =>
      (await api<{ status: string; resolvedAt: string | null }>(`/api/v1/alerts/${id}`, { headers: fx.as.admin })).body;
    expect(await status(mine)).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    expect((await status(acked)).status).toBe("resolved");
    expect((await status(theirs)).status).toBe("open");
  });

  it("404: another tenant's device stays; 403: an operator; 401: no token", async () => {
    expect((await api(path(theirs), { method: "DELETE", headers: fx.as.admin })).status).toBe(404);
    expect((await api(path(theirs), { headers: fx.otherAdmin })).status).toBe(200);
    const d = await newDevice();
    expect((await api(path(d.id), { method: "DELETE", headers: fx.as.operator })).status).toBe(403);
    expect((await api(path(d.id), { method: "DELETE" })).status).toBe(401);
  });
  // 409 (Property 17): no table references devices yet; the generic foreign-key check is in remove.ts.
});
