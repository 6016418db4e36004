import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { infrastructureItems } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { MISSING_ID, type NetworkTenants, networkTenants } from "../../support/network-seed";
import { type ItemBody, itemPath, lowStockAlerts, newItem } from "./fixtures";

let fx: NetworkTenants;
let theirs: ItemBody;
beforeAll(async () => {
  fx = await networkTenants();
  theirs = await newItem(fx.otherAdmin);
});
afterAll(() => fx.remove());

group("GET /api/v1/infrastructure-items/{id}", () => {
  it("200 / 404 unknown or theirs / 401", async () => {
    const item = await newItem(fx.as.admin);
    const res = await api<ItemBody>(itemPath(item.id), { headers: fx.as.viewer });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toEqual(item);
    for (const id of [MISSING_ID, theirs.id])
      expect((await api(itemPath(id), { headers: fx.as.admin })).status).toBe(404);
    expect((await api(itemPath(item.id))).status).toBe(401);
  });
});

group("PATCH /api/v1/infrastructure-items/{id}", () => {
  const patch = (id: string, body: unknown, headers = fx.as.admin) =>
    api<ItemBody>(itemPath(id), { method: "PATCH", headers, body });

  it("200: renames; raising the minimum above the stock raises the alert, lowering it resolves it", async () => {
    const item = await newItem(fx.as.admin, { quantity: 50, minimumQuantity: 10 });
    const raised = await patch(item.id, { name: "Kabel drop 2 core", minimumQuantity: 80 });
    expect(raised.status, describe(raised)).toBe(200);
    expect(raised.body).toMatchObject({ name: "Kabel drop 2 core", quantity: 50, lowStock: true });
    expect((await lowStockAlerts(fx.as.admin, item.id)).map((a) => a.status)).toEqual(["open"]);
    await patch(item.id, { minimumQuantity: 50 });
    expect((await lowStockAlerts(fx.as.admin, item.id)).map((a) => a.status)).toEqual(["resolved"]);
  });

  it("400: the quantity (only via /quantity), a negative minimum; 404: theirs; 403: operator", async () => {
    const item = await newItem(fx.as.admin);
    for (const body of [{ quantity: 1 }, { minimumQuantity: -5 }, { unit: "roll" }]) {
      expect((await patch(item.id, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await patch(theirs.id, { name: "x" })).status).toBe(404);
    expect((await patch(item.id, { name: "x" }, fx.as.operator)).status).toBe(403);
    expect((await patch(item.id, { name: "x" }, {})).status).toBe(401);
  });
});

group("DELETE /api/v1/infrastructure-items/{id}", () => {
  it("204: soft delete — gone from the API, kept in the database; its low-stock alert resolved", async () => {
    const item = await newItem(fx.as.admin, { quantity: 1, minimumQuantity: 10 });
    const del = await api(itemPath(item.id), { method: "DELETE", headers: fx.as.admin });
    expect(del.status, describe(del)).toBe(204);
    expect((await api(itemPath(item.id), { headers: fx.as.admin })).status).toBe(404);
    expect((await api(itemPath(item.id), { method: "DELETE", headers: fx.as.admin })).status).toBe(404);
    const list = await api<{ data: ItemBody[] }>("/api/v1/infrastructure-items?limit=100", { headers: fx.as.admin });
    expect(list.body.data.map((i) => i.id)).not.toContain(item.id);
    const { db, close } = testDb("system");
    const [row] = await db.select().from(infrastructureItems).where(eq(infrastructureItems.id, item.id));
    await close();
    expect(row?.deletedAt).not.toBeNull();
    expect((await lowStockAlerts(fx.as.admin, item.id)).map((a) => a.status)).toEqual(["resolved"]);
  });

  it("404: theirs; 403: technician; 401: no token", async () => {
    expect((await api(itemPath(theirs.id), { method: "DELETE", headers: fx.as.admin })).status).toBe(404);
    const item = await newItem(fx.as.admin);
    expect((await api(itemPath(item.id), { method: "DELETE", headers: fx.as.technician })).status).toBe(403);
    expect((await api(itemPath(item.id), { method: "DELETE" })).status).toBe(401);
  });
});
