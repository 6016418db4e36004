import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { devices } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { type NetworkTenants, networkTenants } from "../../support/network-seed";

interface DeviceList {
  data: { id: string; name: string; type: string; status: string; ipAddress: string }[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

let fx: NetworkTenants;
const ids: Record<string, string> = {};
beforeAll(async () => {
  fx = await networkTenants();
  for (const [name, type, ipAddress] of [
    ["AP Melati", "ap", "10.1.0.1"],
    ["AP Mawar", "ap", "10.1.0.2"],
    ["Switch Melati", "switch", "fd00::10"],
    ["OLT Pusat", "olt", "10.9.0.1"],
  ] as const) {
    const res = await api<{ id: string }>("/api/v1/devices", { headers: fx.as.admin, body: { name, type, ipAddress } });
    if (res.status !== 201) throw new Error(describe(res));
    ids[name] = res.body.id;
  }
  await api("/api/v1/devices", {
    headers: fx.otherAdmin,
    body: { name: "AP Melati", type: "ap", ipAddress: "10.1.0.1" },
  });
  const { db, close } = testDb("system");
  await db
    .update(devices)
    .set({ status: "offline" })
    .where(eq(devices.id, ids["OLT Pusat"] as string));
  await close();
});
afterAll(() => fx.remove());

const list = (query: string, headers = fx.as.viewer) => api<DeviceList>(`/api/v1/devices${query}`, { headers });

group("GET /api/v1/devices", () => {
  it("200: by name, paginated, only this tenant's devices", async () => {
    const first = await list("?limit=3");
    expect(first.status, describe(first)).toBe(200);
    expect(first.body.meta).toEqual({ page: 1, limit: 3, total: 4, totalPages: 2 });
    const second = await list("?limit=3&page=2");
    const names = [...first.body.data, ...second.body.data].map((d) => d.name);
    expect(names).toEqual(["AP Mawar", "AP Melati", "OLT Pusat", "Switch Melati"]);
  });

  it("200: filters by type and status, searches name, address and location", async () => {
    expect((await list("?type=ap")).body.data.map((d) => d.name)).toEqual(["AP Mawar", "AP Melati"]);
    expect((await list("?status=offline")).body.data.map((d) => d.name)).toEqual(["OLT Pusat"]);
    expect((await list("?status=unknown&search=melati")).body.data.map((d) => d.name)).toEqual([
      "AP Melati",
      "Switch Melati",
    ]);
    expect((await list("?search=fd00")).body.data.map((d) => d.name)).toEqual(["Switch Melati"]);
    expect((await list("?search=100%25")).body.meta.total).toBe(0);
  });

  it("400: an unknown type, a limit over 100", async () => {
    for (const q of ["?type=modem", "?status=up", "?limit=101", "?page=0"]) {
      const res = await list(q);
      expect(res.status, `${q}: ${describe(res)}`).toBe(400);
    }
  });

  it("401: without a token", async () => {
    const res = await list("", {});
    expect(res.status, describe(res)).toBe(401);
  });
  // No 403 case: every role may read devices.
});
