import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { localPeriod } from "../../../src/lib/time";
import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { openTicket, type TicketBody, type TicketTenants, ticketTenants } from "./fixtures";

let fx: TicketTenants;
beforeAll(async () => {
  fx = await ticketTenants();
});
afterAll(() => fx.remove());

const post = (headers: Record<string, string>, body: unknown) => api<TicketBody>("/api/v1/tickets", { headers, body });

group("POST /api/v1/tickets", () => {
  it("201: open, medium by default, numbered TKT-<tenant month>-<n>, counting up", async () => {
    const first = await openTicket(fx.as.technician, fx.customerId);
    const second = await openTicket(fx.as.operator, fx.customerId, { priority: "urgent" });
    const period = localPeriod(new Date(), "Asia/Jakarta").replace("-", "");
    expect(first).toMatchObject({ status: "open", priority: "medium", assignedTo: null, resolvedAt: null });
    expect(second.priority).toBe("urgent");
    expect(first.ticketNumber).toMatch(new RegExp(`^TKT-${period}-\\d{4}$`));
    expect(Number(second.ticketNumber.slice(-4))).toBe(Number(first.ticketNumber.slice(-4)) + 1);
  });

  it("201: a 200-character title and a 5000-character description fit", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId, { title: "a".repeat(200), description: "b".repeat(5000) });
    expect(t.title).toHaveLength(200);
  });

  it("201: concurrent creations get distinct numbers", async () => {
    const made = await Promise.all([0, 1, 2, 3, 4].map(() => openTicket(fx.as.admin, fx.customerId)));
    expect(new Set(made.map((t) => t.ticketNumber)).size).toBe(5);
  });

  it.each([
    ["no title", { description: "x" }],
    ["no description", { title: "x" }],
    ["a blank title", { title: "   ", description: "x" }],
    ["markup in the title", { title: "<script>", description: "x" }],
    ["a title over 200 characters", { title: "a".repeat(201), description: "x" }],
    ["a description over 5000 characters", { title: "x", description: "a".repeat(5001) }],
    ["an unknown priority", { title: "x", description: "x", priority: "asap" }],
    ["a status (always open)", { title: "x", description: "x", status: "closed" }],
  ])("400: %s", async (_why, body) => {
    const res = await post(fx.as.admin, { customerId: fx.customerId, ...body });
    expect(res.status, describe(res)).toBe(400);
  });

  it("400: a customer of another tenant, unknown or soft-deleted", async () => {
    const { db, close } = testDb("system");
    const plan = await seedPlan(db, fx.tenant.id);
    const gone = await seedCustomer(db, fx.tenant.id, plan.id, { deletedAt: new Date() });
    await close();
    for (const customerId of [fx.theirCustomerId, gone.id, crypto.randomUUID()]) {
      const res = await post(fx.as.admin, { customerId, title: "x", description: "y" });
      expect(res.status, describe(res)).toBe(400);
    }
  });

  it("401: no token; 403: a viewer", async () => {
    const body = { customerId: fx.customerId, title: "x", description: "y" };
    expect((await post({}, body)).status).toBe(401);
    expect((await post(fx.as.viewer, body)).status).toBe(403);
  });
});
