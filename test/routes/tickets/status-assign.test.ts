import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { MISSING_ID, seedUser } from "../../support/network-seed";
import { openTicket, type TicketBody, type TicketTenants, ticketPath, ticketTenants } from "./fixtures";

let fx: TicketTenants;
let theirs: TicketBody;
let inactiveUser: string;
beforeAll(async () => {
  fx = await ticketTenants();
  theirs = await openTicket(fx.otherAdmin, fx.theirCustomerId);
  const { db, close } = testDb("system");
  inactiveUser = await seedUser(db, fx.tenant.id, "technician", { isActive: false });
  await close();
});
afterAll(() => fx.remove());

const setStatus = (id: string, status: string, headers = fx.as.technician) =>
  api<TicketBody>(ticketPath(id, "/status"), { method: "PATCH", headers, body: { status } });
const assign = (id: string, userId: string | null, headers = fx.as.operator) =>
  api<TicketBody>(ticketPath(id, "/assign"), { method: "POST", headers, body: { userId } });

group("PATCH /api/v1/tickets/{id}/status", () => {
  it("200: open → in_progress → resolved (resolvedAt) → closed (closedAt); same status is a no-op", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    expect((await setStatus(t.id, "in_progress")).body.status).toBe("in_progress");
    const again = await setStatus(t.id, "in_progress");
    expect(again.status, describe(again)).toBe(200);
    const before = Date.now();
    const resolved = await setStatus(t.id, "resolved");
    expect(resolved.status, describe(resolved)).toBe(200);
    expect(Date.parse(resolved.body.resolvedAt ?? "")).toBeGreaterThanOrEqual(before - 1000);
    const closed = await setStatus(t.id, "closed");
    expect(closed.body).toMatchObject({ status: "closed", resolvedAt: resolved.body.resolvedAt });
    expect(closed.body.closedAt).not.toBeNull();
  });

  it("409: skipping a step or going back", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    for (const status of ["resolved", "closed"]) {
      const res = await setStatus(t.id, status);
      expect(res.status, describe(res)).toBe(409);
      expect((res.body as unknown as { code: string }).code).toBe("CONFLICT");
    }
    await setStatus(t.id, "in_progress");
    expect((await setStatus(t.id, "open")).status).toBe(409);
    await setStatus(t.id, "resolved");
    expect((await setStatus(t.id, "in_progress")).status).toBe(409);
  });

  it("400: unknown status; 404: theirs; 403: viewer; 401: no token", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    expect((await setStatus(t.id, "reopened")).status).toBe(400);
    expect((await setStatus(theirs.id, "in_progress")).status).toBe(404);
    expect((await setStatus(t.id, "in_progress", fx.as.viewer)).status).toBe(403);
    expect((await setStatus(t.id, "in_progress", {})).status).toBe(401);
  });
});

group("POST /api/v1/tickets/{id}/assign", () => {
  it("200: assigns a technician (name shown), reassigns, unassigns with null", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    const res = await assign(t.id, fx.tenant.users.technician.id);
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ assignedTo: fx.tenant.users.technician.id, assigneeName: "technician" });
    const filtered = await api<{ data: TicketBody[] }>(`/api/v1/tickets?assignedTo=${fx.tenant.users.technician.id}`, {
      headers: fx.as.admin,
    });
    expect(filtered.body.data.map((x) => x.id)).toContain(t.id);
    expect((await assign(t.id, fx.tenant.users.operator.id)).body.assignedTo).toBe(fx.tenant.users.operator.id);
    expect((await assign(t.id, null)).body).toMatchObject({ assignedTo: null, assigneeName: null });
  });

  it("400: another tenant's user, an unknown, inactive or viewer user, a malformed id", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    for (const userId of [fx.other.users.technician.id, MISSING_ID, inactiveUser, fx.tenant.users.viewer.id, "bob"]) {
      const res = await assign(t.id, userId);
      expect(res.status, `${userId}: ${describe(res)}`).toBe(400);
    }
  });

  it("404: theirs; 403: viewer; 409: a closed ticket; 401: no token", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    expect((await assign(theirs.id, fx.tenant.users.technician.id)).status).toBe(404);
    expect((await assign(t.id, fx.tenant.users.technician.id, fx.as.viewer)).status).toBe(403);
    expect((await assign(t.id, fx.tenant.users.technician.id, {})).status).toBe(401);
    for (const s of ["in_progress", "resolved", "closed"]) await setStatus(t.id, s);
    expect((await assign(t.id, fx.tenant.users.technician.id)).status).toBe(409);
  });
});
