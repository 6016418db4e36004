import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { type NetworkTenants, networkTenants } from "../../support/network-seed";
import { type ItemBody, lowStockAlerts, newItem } from "./fixtures";

let fx: NetworkTenants;
beforeAll(async () => {
  fx = await networkTenants();
});
afterAll(() => fx.remove());

const post = (headers: Record<string, string>, body: unknown) =>
  api<ItemBody>("/api/v1/infrastructure-items", { headers, body });
const valid = { name: "Konektor SC/UPC", type: "connector", unit: "piece", quantity: 50 };

group("POST /api/v1/infrastructure-items", () => {
  it("201: with defaults (minimum 0, not low)", async () => {
    const res = await post(fx.as.admin, valid);
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({ ...valid, minimumQuantity: 0, lowStock: false, location: null, notes: null });
  });

  it("201: an item that starts below its minimum raises one low-stock alert", async () => {
    const item = await newItem(fx.as.admin, { quantity: 5, minimumQuantity: 10 });
    expect(item.lowStock).toBe(true);
    const alerts = await lowStockAlerts(fx.as.viewer, item.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "open", severity: "warning", entityType: "infrastructure_item" });
  });

  it.each([
    ["quantity 0", { ...valid, quantity: 0 }],
    ["a negative quantity", { ...valid, quantity: -1 }],
    ["a fractional quantity", { ...valid, quantity: 1.5 }],
    ["a negative minimum", { ...valid, minimumQuantity: -1 }],
    ["an unknown type", { ...valid, type: "fiber" }],
    ["an unknown unit", { ...valid, unit: "roll" }],
    ["no quantity", { name: "x", type: "tools", unit: "set" }],
    ["no name", { type: "tools", unit: "set", quantity: 1 }],
    ["an unknown field", { ...valid, price: 1000 }],
  ])("400: %s", async (_why, body) => {
    const res = await post(fx.as.admin, body);
    expect(res.status, describe(res)).toBe(400);
  });

  it("401: no token; 403: operator, technician, viewer", async () => {
    expect((await post({}, valid)).status).toBe(401);
    for (const role of ["operator", "technician", "viewer"] as const) {
      expect((await post(fx.as[role], valid)).status, role).toBe(403);
    }
  });
});

group("GET /api/v1/infrastructure-items", () => {
  it("200: by name; filters type, location, lowStock; searches name and notes; this tenant only", async () => {
    const tag = `L${Date.now().toString(36)}`;
    await newItem(fx.as.admin, { name: `${tag} Kabel`, quantity: 50, minimumQuantity: 100, location: "Gudang A" });
    await newItem(fx.as.admin, { name: `${tag} Antena`, type: "antenna", unit: "piece", location: "gudang a" });
    await newItem(fx.as.admin, { name: `${tag} Tang`, type: "tools", unit: "set", notes: "crimping" });
    await newItem(fx.otherAdmin, { name: `${tag} Kabel` });
    const names = async (q: string) => {
      const res = await api<{ data: ItemBody[] }>(`/api/v1/infrastructure-items?search=${tag}${q}`, {
        headers: fx.as.technician,
      });
      expect(res.status, describe(res)).toBe(200);
      return res.body.data.map((i) => i.name.replace(`${tag} `, ""));
    };
    expect(await names("")).toEqual(["Antena", "Kabel", "Tang"]);
    expect(await names("&type=cable")).toEqual(["Kabel"]);
    expect(await names("&location=GUDANG%20A")).toEqual(["Antena", "Kabel"]);
    expect(await names("&lowStock=true")).toEqual(["Kabel"]);
    expect(await names("&lowStock=false")).toEqual(["Antena", "Tang"]);
    const byNotes = await api<{ data: ItemBody[] }>("/api/v1/infrastructure-items?search=crimping", {
      headers: fx.as.admin,
    });
    expect(byNotes.body.data.map((i) => i.name)).toEqual([`${tag} Tang`]);
  });

  it("400: bad filters; 401: no token", async () => {
    for (const q of ["?type=fiber", "?lowStock=1", "?limit=0"]) {
      expect((await api(`/api/v1/infrastructure-items${q}`, { headers: fx.as.admin })).status, q).toBe(400);
    }
    expect((await api("/api/v1/infrastructure-items")).status).toBe(401);
  });
  // No 403 case: every role may read the inventory.
});
