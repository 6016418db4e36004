import { exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { connectors } from "../../../src/db/schema";
import { sha256Hex } from "../../../src/lib/crypto";
import { credentialToken } from "../../../src/protocol";
import { FakeConnector } from "../../durable-objects/fake-connector";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { MISSING_ID, type NetworkTenants, networkTenants } from "../../support/network-seed";

interface Enrollment {
  id: string;
  enrollment_token: string;
  connector: { id: string; status: string; enrollmentExpiresAt: string | null; revoked: boolean };
}
interface ConnectorBody {
  id: string;
  name: string;
  status: string;
  revoked: boolean;
  lastSeen: string | null;
  version: string | null;
  routers: { total: number; reachable: number };
}

let fx: NetworkTenants;
beforeAll(async () => {
  fx = await networkTenants();
});
afterAll(() => fx.remove());

const create = (name = "Mini PC kantor", headers = fx.as.admin) =>
  api<Enrollment>("/api/v1/connectors", { headers, body: { name } });

async function row(id: string) {
  const { db, close } = testDb("system");
  try {
    return (await db.select().from(connectors).where(eq(connectors.id, id)))[0];
  } finally {
    await close();
  }
}

group("POST /api/v1/connectors", () => {
  it("201: pending, with a one-time token valid 24 h of which only the hash is stored", async () => {
    const res = await create();
    expect(res.status, describe(res)).toBe(201);
    expect(res.body.enrollment_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.connector).toMatchObject({ id: res.body.id, status: "pending", revoked: false });
    const expires = Date.parse(res.body.connector.enrollmentExpiresAt ?? "");
    expect(Math.abs(expires - Date.now() - 24 * 3600_000)).toBeLessThan(60_000);
    const stored = await row(res.body.id);
    expect(stored?.enrollmentTokenHash).toBe(await sha256Hex(res.body.enrollment_token));
    expect(JSON.stringify(stored)).not.toContain(res.body.enrollment_token);
  });

  it("400: a name with markup, or none", async () => {
    for (const body of [{ name: "<b>PC</b>" }, { name: " " }, {}]) {
      const res = await api("/api/v1/connectors", { headers: fx.as.admin, body });
      expect(res.status, describe(res)).toBe(400);
    }
  });
});

group("GET /api/v1/connectors and /{id}", () => {
  it("200: the tenant's connectors only, by name, filtered by status; get shows routers reachable", async () => {
    const a = await create("Alpha connector");
    await create("Other tenant", fx.otherAdmin);
    await api("/api/v1/routers", {
      headers: fx.as.admin,
      body: { name: "CCR A", host: "10.0.0.9", username: "api", password: "pw-123456", connectorId: a.body.id },
    });
    const list = await api<{ data: ConnectorBody[]; meta: { total: number } }>("/api/v1/connectors?status=pending", {
      headers: fx.as.admin,
    });
    expect(list.status, describe(list)).toBe(200);
    expect(list.body.data.map((c) => c.name)).not.toContain("Other tenant");
    expect(list.body.data.every((c) => c.status === "pending")).toBe(true);
    const names = list.body.data.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    const got = await api<ConnectorBody>(`/api/v1/connectors/${a.body.id}`, { headers: fx.as.admin });
    expect(got.status, describe(got)).toBe(200);
    expect(got.body).toMatchObject({ id: a.body.id, routers: { total: 1, reachable: 0 }, lastSeen: null });
    expect(got.text).not.toMatch(/hash|token/i);
  });

  it("404: unknown id; 400: not a uuid", async () => {
    expect((await api(`/api/v1/connectors/${MISSING_ID}`, { headers: fx.as.admin })).status).toBe(404);
    expect((await api("/api/v1/connectors/nope", { headers: fx.as.admin })).status).toBe(400);
  });
});

group("POST /api/v1/connectors/{id}/revoke and /rotate", () => {
  it("rotate: the old secret stops at once (live socket closed 4001), the new token enrolls; 200", async () => {
    const { body } = await create();
    const { conn } = await FakeConnector.connect(body.enrollment_token);
    const enrolled = await conn?.next((m) => m.type === "enrolled");
    if (!conn || enrolled?.type !== "enrolled") throw new Error("enrollment failed");
    const secret = enrolled.secret;
    const rotated = await api<Enrollment>(`/api/v1/connectors/${body.id}/rotate`, {
      method: "POST",
      headers: fx.as.admin,
    });
    expect(rotated.status, describe(rotated)).toBe(200);
    expect(rotated.body.connector.status).toBe("pending");
    expect(rotated.body.enrollment_token).not.toBe(body.enrollment_token);
    expect((await conn.closed).code).toBe(4001);
    expect((await FakeConnector.connect(credentialToken(body.id, secret))).res.status).toBe(401);
    expect((await FakeConnector.connect(body.enrollment_token)).res.status).toBe(401);
    const again = await FakeConnector.connect(rotated.body.enrollment_token);
    expect(again.res.status).toBe(101);
    await again.conn?.next((m) => m.type === "enrolled");
    again.conn?.close();
  });

  it("revoke: 200, then 409 for revoking or rotating again; the token no longer enrolls", async () => {
    const { body } = await create();
    const revoked = await api<ConnectorBody>(`/api/v1/connectors/${body.id}/revoke`, {
      method: "POST",
      headers: fx.as.admin,
    });
    expect(revoked.status, describe(revoked)).toBe(200);
    expect(revoked.body).toMatchObject({ revoked: true, status: "offline" });
    for (const verb of ["revoke", "rotate"]) {
      const res = await api<{ code: string }>(`/api/v1/connectors/${body.id}/${verb}`, {
        method: "POST",
        headers: fx.as.admin,
      });
      expect(res.status, describe(res)).toBe(409);
    }
    expect((await FakeConnector.connect(body.enrollment_token)).res.status).toBe(401);
    expect((await row(body.id))?.secretHash).toBeNull();
  });
});

group("GET /api/v1/connectors/connect", () => {
  it("426 without an upgrade, 401 without a token (no user authentication applies)", async () => {
    const plain = await exports.default.fetch("http://api.test/api/v1/connectors/connect");
    expect(plain.status).toBe(426);
    const noToken = await exports.default.fetch("http://api.test/api/v1/connectors/connect", {
      headers: { upgrade: "websocket" },
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("401 for an expired enrollment token", async () => {
    const { body } = await create();
    const { db, close } = testDb("system");
    await db
      .update(connectors)
      .set({ enrollmentExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(connectors.id, body.id));
    await close();
    expect((await FakeConnector.connect(body.enrollment_token)).res.status).toBe(401);
  });
});
