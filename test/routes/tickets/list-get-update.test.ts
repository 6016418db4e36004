import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { MISSING_ID } from "../../support/network-seed";
import { openTicket, type TicketBody, type TicketTenants, ticketPath, ticketTenants } from "./fixtures";

interface TicketList {
  data: TicketBody[];
  meta: { total: number; page: number; limit: number; totalPages: number };
}

let fx: TicketTenants;
let tickets: TicketBody[];
let theirs: TicketBody;
beforeAll(async () => {
  fx = await ticketTenants();
  tickets = [];
  for (const [title, priority] of [
    ["Modem mati", "high"],
    ["Lambat malam hari", "low"],
    ["Modem berbunyi", "urgent"],
  ] as const) {
    tickets.push(await openTicket(fx.as.admin, fx.customerId, { title, priority }));
  }
  theirs = await openTicket(fx.otherAdmin, fx.theirCustomerId, { title: "Modem mati" });
  const res = await api(ticketPath(tickets[2]?.id as string, "/status"), {
    method: "PATCH",
    headers: fx.as.admin,
    body: { status: "in_progress" },
  });
  if (res.status !== 200) throw new Error(describe(res));
});
afterAll(() => fx.remove());

const list = (q: string, headers = fx.as.viewer) => api<TicketList>(`/api/v1/tickets${q}`, { headers });

group("GET /api/v1/tickets", () => {
  it("200: newest first, this tenant only, with customer fields", async () => {
    const res = await list("");
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.data.map((t) => t.title)).toEqual(["Modem berbunyi", "Lambat malam hari", "Modem mati"]);
    expect(res.body.data[0]?.customerCode).toBe(tickets[0]?.customerCode);
  });

  it("200: filters status, priority, customer, assignee; searches title and number", async () => {
    const titles = async (q: string) => (await list(q)).body.data.map((t) => t.title);
    expect(await titles("?status=in_progress")).toEqual(["Modem berbunyi"]);
    expect(await titles("?priority=low")).toEqual(["Lambat malam hari"]);
    expect(await titles(`?customerId=${fx.theirCustomerId}`)).toEqual([]);
    expect(await titles(`?assignedTo=${fx.tenant.users.technician.id}`)).toEqual([]);
    expect(await titles("?search=modem&status=open")).toEqual(["Modem mati"]);
    expect(await titles(`?search=${tickets[1]?.ticketNumber}`)).toEqual(["Lambat malam hari"]);
    expect((await list("?limit=2&page=2")).body.meta).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2 });
  });

  it("400: bad filters; 401: no token", async () => {
    for (const q of ["?status=done", "?priority=p1", "?customerId=1"]) expect((await list(q)).status).toBe(400);
    expect((await list("", {})).status).toBe(401);
  });
});

group("GET /api/v1/tickets/{id}", () => {
  it("200 / 404 unknown or theirs / 401", async () => {
    const res = await api<TicketBody>(ticketPath(tickets[0]?.id as string), { headers: fx.as.technician });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.ticketNumber).toBe(tickets[0]?.ticketNumber);
    for (const id of [MISSING_ID, theirs.id])
      expect((await api(ticketPath(id), { headers: fx.as.admin })).status).toBe(404);
    expect((await api(ticketPath(MISSING_ID))).status).toBe(401);
  });
});

group("PATCH /api/v1/tickets/{id}", () => {
  const patch = (id: string, body: unknown, headers = fx.as.technician) =>
    api<TicketBody>(ticketPath(id), { method: "PATCH", headers, body });

  it("200: changes title, description, priority", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    const res = await patch(t.id, { priority: "urgent", description: "Sudah ganti adaptor" });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ priority: "urgent", description: "Sudah ganti adaptor", title: t.title });
  });

  it("400: status or assignee through PATCH, unknown fields; 404: theirs; 403: viewer", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    for (const body of [{ status: "closed" }, { assignedTo: MISSING_ID }, { priority: "p0" }]) {
      expect((await patch(t.id, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await patch(theirs.id, { title: "x" })).status).toBe(404);
    expect((await patch(t.id, { title: "x" }, fx.as.viewer)).status).toBe(403);
  });

  it("409: a closed ticket is read-only", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    for (const status of ["in_progress", "resolved", "closed"]) {
      await api(ticketPath(t.id, "/status"), { method: "PATCH", headers: fx.as.admin, body: { status } });
    }
    const res = await patch(t.id, { title: "Reopen?" });
    expect(res.status, describe(res)).toBe(409);
  });
});
