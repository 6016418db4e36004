import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { MISSING_ID } from "../../support/network-seed";
import { openTicket, type TicketBody, type TicketTenants, ticketPath, ticketTenants } from "./fixtures";

interface Comment {
  id: string;
  ticketId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
}

let fx: TicketTenants;
let theirs: TicketBody;
beforeAll(async () => {
  fx = await ticketTenants();
  theirs = await openTicket(fx.otherAdmin, fx.theirCustomerId);
});
afterAll(() => fx.remove());

const add = (id: string, body: unknown, headers = fx.as.technician) =>
  api<Comment>(ticketPath(id, "/comments"), { method: "POST", headers, body });
const thread = (id: string, q = "", headers = fx.as.viewer) =>
  api<{ data: Comment[]; meta: { total: number } }>(ticketPath(id, `/comments${q}`), { headers });

group("POST /api/v1/tickets/{id}/comments", () => {
  it("201: authored by the signed-in user; the thread lists them oldest first", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    const first = await add(t.id, { body: "  Teknisi menuju lokasi  " });
    expect(first.status, describe(first)).toBe(201);
    expect(first.body).toMatchObject({
      ticketId: t.id,
      authorId: fx.tenant.users.technician.id,
      authorName: "technician",
      body: "Teknisi menuju lokasi",
    });
    await add(t.id, { body: "Kabel drop putus, diganti" }, fx.as.operator);
    const res = await thread(t.id);
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.data.map((c) => c.body)).toEqual(["Teknisi menuju lokasi", "Kabel drop putus, diganti"]);
    expect((await thread(t.id, "?limit=1&page=2")).body.data.map((c) => c.body)).toEqual(["Kabel drop putus, diganti"]);
  });

  it("400: empty, too long, unknown fields", async () => {
    const t = await openTicket(fx.as.admin, fx.customerId);
    for (const body of [{ body: "  " }, { body: "a".repeat(5001) }, { body: "ok", authorId: MISSING_ID }, {}]) {
      expect((await add(t.id, body)).status, JSON.stringify(body).slice(0, 50)).toBe(400);
    }
    expect((await add(t.id, { body: "a".repeat(5000) })).status).toBe(201);
  });

  it("404: theirs or unknown (both verbs); 403: a viewer; 401: no token; 409: a closed ticket", async () => {
    for (const id of [theirs.id, MISSING_ID]) {
      expect((await add(id, { body: "x" })).status).toBe(404);
      expect((await thread(id)).status).toBe(404);
    }
    const t = await openTicket(fx.as.admin, fx.customerId);
    expect((await add(t.id, { body: "x" }, fx.as.viewer)).status).toBe(403);
    expect((await add(t.id, { body: "x" }, {})).status).toBe(401);
    expect((await thread(t.id, "", {})).status).toBe(401);
    for (const status of ["in_progress", "resolved", "closed"]) {
      await api(ticketPath(t.id, "/status"), { method: "PATCH", headers: fx.as.admin, body: { status } });
    }
    expect((await add(t.id, { body: "Sudah beres?" })).status).toBe(409);
  });
});
