import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { MISSING_ID, type NetworkTenants, networkTenants } from "../../support/network-seed";
import type { AlertBody } from "../infrastructure-items/fixtures";
import { seedAlert } from "./fixtures";

let fx: NetworkTenants;
const ids: Record<string, string> = {};
const entity = crypto.randomUUID();
beforeAll(async () => {
  fx = await networkTenants();
  const { db, close } = testDb("system");
  const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, s));
  ids.offline = await seedAlert(db, fx.tenant.id, { createdAt: at(1), entityId: entity });
  ids.stock = await seedAlert(db, fx.tenant.id, {
    createdAt: at(2),
    type: "low_stock",
    severity: "warning",
    entityType: "infrastructure_item",
    data: { quantity: 3 },
  });
  ids.old = await seedAlert(db, fx.tenant.id, {
    createdAt: at(0),
    status: "resolved",
    resolvedAt: at(5),
    entityId: entity,
  });
  ids.theirs = await seedAlert(db, fx.other.id);
  await close();
});
afterAll(() => fx.remove());

const list = (q: string, headers = fx.as.technician) =>
  api<{ data: AlertBody[]; meta: { total: number } }>(`/api/v1/alerts${q}`, { headers });

group("GET /api/v1/alerts", () => {
  it("200: newest first, this tenant only", async () => {
    const res = await list("");
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.data.map((a) => a.id)).toEqual([ids.stock, ids.offline, ids.old]);
  });

  it("200: filters type, severity, status, entity", async () => {
    const got = async (q: string) => (await list(q)).body.data.map((a) => a.id);
    expect(await got("?type=low_stock")).toEqual([ids.stock]);
    expect(await got("?severity=critical&status=open")).toEqual([ids.offline]);
    expect(await got("?status=resolved")).toEqual([ids.old]);
    expect(await got(`?entityType=device&entityId=${entity}`)).toEqual([ids.offline, ids.old]);
    expect(await got("?entityType=router")).toEqual([]);
  });

  it("400: bad filters; 401: no token", async () => {
    for (const q of ["?type=fire", "?severity=high", "?status=closed", "?entityType=Bad-Type"]) {
      expect((await list(q)).status, q).toBe(400);
    }
    expect((await list("", {})).status).toBe(401);
  });
  // No 403 case: every role may read alerts.
});

group("GET /api/v1/alerts/{id}", () => {
  it("200 with data; 404 unknown or theirs; 400 malformed; 401", async () => {
    const res = await api<AlertBody>(`/api/v1/alerts/${ids.stock}`, { headers: fx.as.viewer });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ type: "low_stock", status: "open", data: { quantity: 3 }, acknowledgedBy: null });
    for (const id of [MISSING_ID, ids.theirs as string]) {
      expect((await api(`/api/v1/alerts/${id}`, { headers: fx.as.admin })).status).toBe(404);
    }
    expect((await api("/api/v1/alerts/x", { headers: fx.as.admin })).status).toBe(400);
    expect((await api(`/api/v1/alerts/${ids.stock}`)).status).toBe(401);
  });
});
