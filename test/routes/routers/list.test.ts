import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { type NetworkTenants, networkTenants, seedConnector } from "../../support/network-seed";

interface RouterList {
  data: { name: string; isActive: boolean; connectorId: string | null }[];
  meta: { total: number; totalPages: number };
}

let fx: NetworkTenants;
let connector: string;
beforeAll(async () => {
  fx = await networkTenants();
  const { db, close } = testDb("system");
  connector = await seedConnector(db, fx.tenant.id);
  await close();
  for (const [name, host, isActive, connectorId] of [
    ["Hap Barat", "10.0.1.1", true, connector],
    ["CCR Pusat", "core.rtrw.example", true, null],
    ["RB Timur", "10.0.3.1", false, connector],
  ] as const) {
    const res = await api("/api/v1/routers", {
      headers: fx.as.admin,
      body: { name, host, isActive, connectorId, username: "api", password: "pw-123456" },
    });
    if (res.status !== 201) throw new Error(describe(res));
  }
});
afterAll(() => fx.remove());

const names = async (query: string) => {
  const res = await api<RouterList>(`/api/v1/routers${query}`, { headers: fx.as.technician });
  expect(res.status, describe(res)).toBe(200);
  return res.body.data.map((r) => r.name);
};

group("GET /api/v1/routers", () => {
  it("200: by name; filters active, connector, status; searches name and host", async () => {
    expect(await names("")).toEqual(["CCR Pusat", "Hap Barat", "RB Timur"]);
    expect(await names("?active=false")).toEqual(["RB Timur"]);
    expect(await names(`?connectorId=${connector}&active=true`)).toEqual(["Hap Barat"]);
    expect(await names("?status=unknown&search=RTRW.example")).toEqual(["CCR Pusat"]);
    expect(await names("?status=online")).toEqual([]);
    expect(await names("?limit=1&page=3")).toEqual(["RB Timur"]);
  });

  it("400: bad filters; 401: no token", async () => {
    for (const q of ["?active=yes", "?connectorId=abc", "?status=down"]) {
      const res = await api(`/api/v1/routers${q}`, { headers: fx.as.admin });
      expect(res.status, `${q}: ${describe(res)}`).toBe(400);
    }
    expect((await api("/api/v1/routers")).status).toBe(401);
  });
  // No 403 case: every role may read routers.
});
