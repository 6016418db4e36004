import { listDurableObjectIds } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { and, eq, isNotNull } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { domainEvents } from "../../../src/db/schema";
import { authHeaders, eventually, HubClient, hubs, tokenFor } from "../../durable-objects/hub-client";
import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { expiredToken, foreignKeyToken } from "../../support/tokens";

async function problemOf(res: Response) {
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as { code: string } };
}

group("GET /api/v1/ws", () => {
  it("426: a request without Upgrade: websocket", async () => {
    const t = await createTestTenant();
    const res = await exports.default.fetch("http://api.test/api/v1/ws", { headers: await authHeaders(t, "admin") });
    expect(await problemOf(res)).toMatchObject({
      status: 426,
      type: "application/problem+json",
      body: { code: "VALIDATION_ERROR" },
    });
    expect(res.headers.get("upgrade")).toBe("websocket");
  });

  it("401: no token, a forged token, a malformed token — before the hub is touched", async () => {
    const t = await createTestTenant();
    for (const query of ["", "?access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "?access_token=not-a-jwt"]) {
      const { res } = await HubClient.viaApi(query, t.headers);
      expect(await problemOf(res), query).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
    }
    const claims = { user_id: t.users.admin.id, tenant_id: t.id, role: "admin" };
    for (const token of ["a.b.c", await expiredToken(claims), await foreignKeyToken(claims)]) {
      const viaProtocol = await HubClient.viaApi("", { ...t.headers, "sec-websocket-protocol": `bearer, ${token}` });
      expect(viaProtocol.res.status, token).toBe(401);
    }
    const created = await listDurableObjectIds(hubs);
    expect(created.some((id) => id.equals(hubs.idFromName(t.id)))).toBe(false);
  });

  it("401: a token of another tenant; 404: an unknown tenant", async () => {
    const [a, b] = [await createTestTenant(), await createTestTenant()];
    const accessToken = await tokenFor(a, "admin");
    const other = await HubClient.viaApi(`?access_token=${accessToken}`, b.headers);
    expect(await problemOf(other.res)).toMatchObject({ status: 401 });
    const unknown = await HubClient.viaApi(`?access_token=${accessToken}`, { "x-tenant-id": "no-such-tenant-x" });
    expect(await problemOf(unknown.res)).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });

  it("400: a malformed since", async () => {
    const t = await createTestTenant();
    const accessToken = await tokenFor(t, "viewer");
    const { res } = await HubClient.viaApi(`?since=-3&access_token=${accessToken}`, t.headers);
    expect(await problemOf(res)).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
  });

  it("101: with ?access_token=, the bearer subprotocol (selected in the answer) or the Authorization header", async () => {
    const t = await createTestTenant();
    const { accessToken, headers } = await loginAs(t, "technician"); // one real sign-in: its token works too
    const viaQuery = await HubClient.viaApi(`?access_token=${accessToken}`, t.headers);
    const viaProtocol = await HubClient.viaApi("", {
      ...t.headers,
      "sec-websocket-protocol": `bearer, ${accessToken}`,
    });
    const viaHeader = await HubClient.viaApi("", headers);
    expect([viaQuery.res.status, viaProtocol.res.status, viaHeader.res.status]).toEqual([101, 101, 101]);
    expect(viaProtocol.res.headers.get("sec-websocket-protocol")).toBe("bearer");
    const created = await listDurableObjectIds(hubs); // (the 401 test's "not touched" check is not vacuous)
    expect(created.some((id) => id.equals(hubs.idFromName(t.id)))).toBe(true);
    expect(viaQuery.res.headers.get("sec-websocket-protocol")).toBeNull();
    for (const { client } of [viaQuery, viaProtocol, viaHeader]) {
      expect(await client?.next()).toMatchObject({
        event: "connected",
        data: { userId: t.users.technician.id, role: "technician" },
      });
    }
  });

  it("delivers the events of real API writes after commit, by role, to this tenant only, and marks them published", async () => {
    const t = await createTestTenant();
    const outsider = await createTestTenant();
    const { db, close } = testDb("system");
    try {
      const plan = await seedPlan(db, t.id);
      const customer = await seedCustomer(db, t.id, plan.id);
      const clients = new Map<string, HubClient>();
      for (const role of ["admin", "operator", "technician", "viewer"] as const) {
        const accessToken = await tokenFor(t, role);
        const { client } = await HubClient.viaApi(`?access_token=${accessToken}`, t.headers);
        clients.set(role, client as HubClient);
      }
      const strangerToken = await tokenFor(outsider, "admin");
      const stranger = (await HubClient.viaApi(`?access_token=${strangerToken}`, outsider.headers)).client as HubClient;

      const paid = await api<{ id: string }>("/api/v1/payments", {
        headers: await authHeaders(t, "operator"),
        body: { customerId: customer.id, amount: 150000 },
      });
      expect(paid.status, describe(paid)).toBe(201);
      const planBody = { name: `Paket WS ${Date.now()}`, speedDownloadMbps: 30, speedUploadMbps: 10, price: 200_000 };
      const created = await api("/api/v1/service-plans", { headers: await authHeaders(t, "admin"), body: planBody });
      expect(created.status, describe(created)).toBe(201);
      const paymentId = paid.body.id;

      for (const [role, c] of clients) {
        await c.next((m) => m.event === "service_plan.create"); // everyone reads plans: the sentinel
        const payments = c.messages().filter((m) => m.event === "payment.create");
        if (role === "technician") expect(payments, role).toEqual([]);
        else
          expect(
            payments.map((m) => m.entityId),
            role,
          ).toEqual([paymentId]);
      }
      const seen = (clients.get("viewer") as HubClient).messages().find((m) => m.event === "payment.create");
      expect(seen?.data).toMatchObject({ id: paymentId, amount: 150000 });
      expect(stranger.messages().map((m) => m.event)).toEqual(["connected"]);

      const published = () =>
        db
          .select({ id: domainEvents.id })
          .from(domainEvents)
          .where(and(eq(domainEvents.entityId, paymentId), isNotNull(domainEvents.publishedAt)))
          .then((rows) => rows.length);
      expect(await eventually(published, 1)).toBe(1);
    } finally {
      await close();
    }
  });

  it("is documented in the OpenAPI document with its permission, query and 101/426 answers", async () => {
    const doc = await api<{ paths: Record<string, { get?: Record<string, unknown> }> }>("/api/v1/openapi.json");
    const op = doc.body.paths["/api/v1/ws"]?.get as { "x-permission": string; responses: object; parameters: object[] };
    expect(op["x-permission"]).toBe("dashboard:read");
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["101", "401", "426"]));
    expect(op.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "since" }),
        expect.objectContaining({ name: "access_token" }),
      ]),
    );
  });
});
