import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { mikrotikRouters } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { type NetworkTenants, networkTenants, seedConnector, testSecrets } from "../../support/network-seed";

interface RouterBody {
  id: string;
  name: string;
  host: string;
  hasPassword: boolean;
  connectorId: string | null;
  [k: string]: unknown;
}

let fx: NetworkTenants;
let connector: string;
let revoked: string;
let theirConnector: string;
beforeAll(async () => {
  fx = await networkTenants();
  const { db, close } = testDb("system");
  connector = await seedConnector(db, fx.tenant.id);
  revoked = await seedConnector(db, fx.tenant.id, { revoked: true });
  theirConnector = await seedConnector(db, fx.other.id);
  await close();
});
afterAll(() => fx.remove());

let n = 0;
const valid = () => ({ name: `CCR ${++n}`, host: "10.10.0.1", username: "rtrw-api", password: "Rahasia 123!" });
const post = (headers: Record<string, string>, body: unknown) => api<RouterBody>("/api/v1/routers", { headers, body });

group("POST /api/v1/routers", () => {
  it("201: host name lower-cased, defaults, connector kept; the password is encrypted and never echoed", async () => {
    const res = await post(fx.as.admin, { ...valid(), host: "Gw.RTRW.example", connectorId: connector });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({
      host: "gw.rtrw.example",
      apiPort: 8728,
      username: "rtrw-api",
      hasPassword: true,
      isActive: true,
      connectorId: connector,
      status: "unknown",
      lastSeen: null,
      routerosVersion: null,
    });
    expect(res.text).not.toContain("Rahasia");
    const { db, close } = testDb("system");
    try {
      const [row] = await db.select().from(mikrotikRouters).where(eq(mikrotikRouters.id, res.body.id));
      expect(row?.passwordEnc).not.toContain("Rahasia");
      expect(await testSecrets().decrypt(row?.passwordEnc as string)).toBe("Rahasia 123!");
    } finally {
      await close();
    }
  });

  it("409: a name already used in the tenant (another tenant may use it)", async () => {
    const body = valid();
    expect((await post(fx.as.admin, body)).status).toBe(201);
    const again = await post(fx.as.admin, { ...body, host: "10.10.0.2" });
    expect(again.status, describe(again)).toBe(409);
    expect((again.body as unknown as { code: string }).code).toBe("DUPLICATE_ENTRY");
    expect((await post(fx.otherAdmin, body)).status).toBe(201);
  });

  it.each([
    ["no password", (b: Record<string, unknown>) => ({ ...b, password: undefined })],
    ["no username", (b: Record<string, unknown>) => ({ ...b, username: undefined })],
    ["a bad host", (b: Record<string, unknown>) => ({ ...b, host: "10.0.0.300" })],
    ["a host with a scheme", (b: Record<string, unknown>) => ({ ...b, host: "http://10.0.0.1" })],
    ["port 70000", (b: Record<string, unknown>) => ({ ...b, apiPort: 70000 })],
    ["a read-only status", (b: Record<string, unknown>) => ({ ...b, status: "online" })],
    ["another tenant's connector", (b: Record<string, unknown>) => ({ ...b, connectorId: theirConnector })],
    ["a revoked connector", (b: Record<string, unknown>) => ({ ...b, connectorId: revoked })],
  ])("400: %s", async (_why, make) => {
    const res = await post(fx.as.admin, make(valid()));
    expect(res.status, describe(res)).toBe(400);
  });

  it("401: without a token; 403: an operator or technician", async () => {
    expect((await post({}, valid())).status).toBe(401);
    for (const role of ["operator", "technician", "viewer"] as const) {
      const res = await post(fx.as[role], valid());
      expect(res.status, `${role}: ${describe(res)}`).toBe(403);
    }
  });
});
