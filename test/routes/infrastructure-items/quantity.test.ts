import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { auditLogs } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { type NetworkTenants, networkTenants } from "../../support/network-seed";
import { type ItemBody, itemPath, lowStockAlerts, newItem } from "./fixtures";

let fx: NetworkTenants;
beforeAll(async () => {
  fx = await networkTenants();
});
afterAll(() => fx.remove());

const adjust = (id: string, body: unknown, headers = fx.as.admin) =>
  api<ItemBody>(itemPath(id, "/quantity"), { method: "PATCH", headers, body });

group("PATCH /api/v1/infrastructure-items/{id}/quantity", () => {
  it("200: delta and absolute count, each audited with old, new and reason", async () => {
    const item = await newItem(fx.as.admin, { quantity: 500 });
    const used = await adjust(item.id, { delta: -40, reason: "Pasang PLG-000123" });
    expect(used.status, describe(used)).toBe(200);
    expect(used.body.quantity).toBe(460);
    expect((await adjust(item.id, { quantity: 455, reason: "Stock opname" })).body.quantity).toBe(455);
    const { db, close } = testDb("system");
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, item.id), eq(auditLogs.action, "quantity_change")))
      .orderBy(auditLogs.createdAt);
    await close();
    expect(audits.map((a) => a.changes)).toEqual([
      { quantity: { old: 500, new: 460 }, reason: "Pasang PLG-000123", delta: -40 },
      { quantity: { old: 460, new: 455 }, reason: "Stock opname" },
    ]);
    expect(audits[0]?.userId).toBe(fx.tenant.users.admin.id);
  });

  it("200: falling below the minimum raises one alert (critical at 0), refilling resolves it", async () => {
    const item = await newItem(fx.as.admin, { quantity: 120, minimumQuantity: 100 });
    await adjust(item.id, { delta: -30, reason: "a" });
    await adjust(item.id, { delta: -10, reason: "b" });
    const open = await lowStockAlerts(fx.as.admin, item.id);
    expect(open.map((a) => [a.status, a.severity])).toEqual([["open", "warning"]]);
    expect((await adjust(item.id, { quantity: 100, reason: "restock" })).body.lowStock).toBe(false);
    expect((await lowStockAlerts(fx.as.admin, item.id)).map((a) => a.status)).toEqual(["resolved"]);
    await adjust(item.id, { quantity: 0, reason: "habis" });
    const again = await lowStockAlerts(fx.as.admin, item.id);
    expect(again.map((a) => [a.status, a.severity])).toEqual([
      ["open", "critical"],
      ["resolved", "warning"],
    ]);
  });

  it("200: as stock keeps falling the open alert follows it (count, then critical), audited as update", async () => {
    const item = await newItem(fx.as.admin, { quantity: 120, minimumQuantity: 100 });
    await adjust(item.id, { quantity: 90, reason: "a" });
    const [first] = await lowStockAlerts(fx.as.admin, item.id);
    expect(first).toMatchObject({ status: "open", severity: "warning", data: { quantity: 90 } });
    await adjust(item.id, { quantity: 40, reason: "b" });
    expect(await lowStockAlerts(fx.as.admin, item.id)).toEqual([
      expect.objectContaining({
        id: first?.id,
        status: "open",
        severity: "warning",
        data: expect.objectContaining({ quantity: 40 }),
      }),
    ]);
    await adjust(item.id, { quantity: 0, reason: "habis" });
    const [now] = await lowStockAlerts(fx.as.admin, item.id);
    expect(now).toMatchObject({ id: first?.id, status: "open", severity: "critical", data: { quantity: 0 } });
    expect(now?.message).toContain(" 0 ");
    const { db, close } = testDb("system");
    const updates = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, first?.id ?? ""), eq(auditLogs.action, "update")))
      .orderBy(auditLogs.createdAt)
      .finally(close);
    expect(updates.map((a) => (a.changes as { severity?: { new: string } }).severity?.new ?? null)).toEqual([
      null,
      "critical",
    ]);
  });

  it("409: taking more than is in stock changes nothing", async () => {
    const item = await newItem(fx.as.admin, { quantity: 10 });
    const res = await adjust(item.id, { delta: -11, reason: "too much" });
    expect(res.status, describe(res)).toBe(409);
    expect((res.body as unknown as { code: string }).code).toBe("CONFLICT");
    expect((await api<ItemBody>(itemPath(item.id), { headers: fx.as.admin })).body.quantity).toBe(10);
  });

  it.each([
    ["both delta and quantity", { delta: 1, quantity: 2, reason: "x" }],
    ["neither", { reason: "x" }],
    ["no reason", { delta: 1 }],
    ["a blank reason", { delta: 1, reason: "  " }],
    ["a zero delta", { delta: 0, reason: "x" }],
    ["a negative count", { quantity: -1, reason: "x" }],
    ["a fractional delta", { delta: 0.5, reason: "x" }],
  ])("400: %s", async (_why, body) => {
    const item = await newItem(fx.as.admin);
    expect((await adjust(item.id, body)).status).toBe(400);
  });

  it("404: another tenant's item; 403: technician; 401: no token", async () => {
    const theirs = await newItem(fx.otherAdmin);
    expect((await adjust(theirs.id, { delta: 1, reason: "x" })).status).toBe(404);
    const item = await newItem(fx.as.admin);
    expect((await adjust(item.id, { delta: 1, reason: "x" }, fx.as.technician)).status).toBe(403);
    expect((await adjust(item.id, { delta: 1, reason: "x" }, {})).status).toBe(401);
  });
});
