import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { mikrotikRouters } from "../../../src/db/schema";
import { loadConnectorRouters } from "../../../src/services/connectors/config";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import {
  type NetworkTenants,
  networkTenants,
  seedConnector,
  seedUser,
  staffContext,
  testSecrets,
} from "../../support/network-seed";

interface RouterBody {
  id: string;
  apiPort: number;
  apiTls: boolean;
  connectorId: string | null;
  [k: string]: unknown;
}

let fx: NetworkTenants;
let connectors: [string, string];
const sys = testDb("system");
beforeAll(async () => {
  fx = await networkTenants();
  connectors = [await seedConnector(sys.db, fx.tenant.id), await seedConnector(sys.db, fx.tenant.id)];
});
afterAll(async () => {
  await fx.remove();
  await sys.close();
});

let n = 0;
async function newRouter(extra: Record<string, unknown> = {}) {
  const body = { name: `RB ${++n}`, host: "10.0.0.1", username: "api", password: "pw-123456", ...extra };
  const res = await api<RouterBody>("/api/v1/routers", { headers: fx.as.admin, body });
  if (res.status !== 201) throw new Error(describe(res));
  return res.body;
}
const row = async (id: string) => (await sys.db.select().from(mikrotikRouters).where(eq(mikrotikRouters.id, id)))[0];
const patch = (id: string, body: Record<string, unknown>) =>
  api<{ code: string; details?: { field?: string }; apiTls?: boolean }>(`/api/v1/routers/${id}`, {
    method: "PATCH",
    headers: fx.as.admin,
    body,
  });

group("PATCH /api/v1/routers/{id}: the password follows where it is sent", () => {
  const moves: [string, (r: RouterBody) => Record<string, unknown>][] = [
    ["host", () => ({ host: "203.0.113.9" })],
    ["apiPort", () => ({ apiPort: 18728 })],
    ["apiTls", () => ({ apiTls: true })],
    ["connectorId (attached)", () => ({ connectorId: connectors[1] })],
    ["connectorId (moved)", () => ({ connectorId: connectors[1] })],
  ];

  for (const [what, change] of moves) {
    it(`400 naming password when ${what} changes without it, nothing written; 200 with it`, async () => {
      const r = await newRouter(what === "connectorId (moved)" ? { connectorId: connectors[0] } : {});
      const before = await row(r.id);
      const refused = await patch(r.id, { ...change(r), name: `RB moved ${++n}` });
      expect(refused.status, describe(refused)).toBe(400);
      expect(refused.body.code).toBe("VALIDATION_ERROR");
      expect(refused.body.details?.field).toBe("password");
      expect(await row(r.id)).toEqual(before);

      const ok = await patch(r.id, { ...change(r), password: "new-pass-1" });
      expect(ok.status, describe(ok)).toBe(200);
      const after = await row(r.id);
      expect(after).toMatchObject(change(r));
      expect(await testSecrets().decrypt(after?.passwordEnc ?? "")).toBe("new-pass-1");
    });
  }

  it("200 without the password: name, user, location, active flag, detaching the connector, same host again", async () => {
    const r = await newRouter({ connectorId: connectors[0] });
    const before = await row(r.id);
    for (const body of [
      { name: `RB other ${++n}`, username: "api2", location: "Gardu 2", isActive: false },
      { host: "10.0.0.1", apiPort: 8728, apiTls: false, connectorId: connectors[0] },
      { connectorId: null },
    ]) {
      const res = await patch(r.id, body);
      expect(res.status, `${JSON.stringify(body)}: ${describe(res)}`).toBe(200);
    }
    const after = await row(r.id);
    expect(after).toMatchObject({ username: "api2", isActive: false, connectorId: null });
    expect(after?.passwordEnc).toBe(before?.passwordEnc);
  });
});

group("the router's TLS choice is stored", () => {
  it("create: explicit, else true on 8729 only; read back, changed by PATCH, and sent to the connector as stored", async () => {
    const cases = [
      [{ apiPort: 8729 }, true],
      [{ apiPort: 8728 }, false],
      [{ apiPort: 8729, apiTls: false }, false],
      [{ apiPort: 8728, apiTls: true }, true],
      [{ apiPort: 9000, apiTls: true }, true],
    ] as const;
    const made: [string, boolean][] = [];
    for (const [body, tls] of cases) {
      const r = await newRouter({ ...body, connectorId: connectors[0] });
      expect(r.apiTls, JSON.stringify(body)).toBe(tls);
      expect((await row(r.id))?.apiTls).toBe(tls);
      const got = await api<RouterBody>(`/api/v1/routers/${r.id}`, { headers: fx.as.admin });
      expect(got.body.apiTls).toBe(tls);
      made.push([r.id, tls]);
    }
    // A port change alone keeps the stored choice: 8729 no longer means TLS by itself.
    const [firstId] = made[0] as [string, boolean];
    const moved = await patch(firstId, { apiPort: 8728, password: "pw-123456" });
    expect(moved.body.apiTls, describe(moved)).toBe(true);
    const flipped = await patch(firstId, { apiTls: false, password: "pw-123456" });
    expect(flipped.body.apiTls, describe(flipped)).toBe(false);
    made[0] = [firstId, false];

    const adminId = await seedUser(sys.db, fx.tenant.id, "admin");
    const { db, close } = testDb("app");
    try {
      const tenant = { ...fx.tenant, timezone: "Asia/Jakarta", locale: "id", isActive: true };
      const config = await loadConnectorRouters(staffContext(tenant, db, adminId), connectors[0]);
      for (const [id, tls] of made) expect(config.find((c) => c.routerId === id)?.tls, id).toBe(tls);
    } finally {
      await close();
    }
  });
});
