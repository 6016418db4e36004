import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { devices } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { type NetworkTenants, networkTenants, seedConnector, testSecrets } from "../../support/network-seed";

interface DeviceBody {
  id: string;
  ipAddress: string;
  port: number;
  status: string;
  hasPassword: boolean;
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

const valid = { name: "OLT Gang Melati", type: "olt", ipAddress: "192.168.88.2" };
const post = (headers: Record<string, string>, body: unknown) => api<DeviceBody>("/api/v1/devices", { headers, body });

group("POST /api/v1/devices", () => {
  it("201: canonical IPv6, default port, status unknown; the password is encrypted and never echoed", async () => {
    const res = await post(fx.as.admin, {
      ...valid,
      type: "ap",
      ipAddress: " 2001:DB8:0:0:0:0:0:1 ",
      username: "monitor",
      password: "Rahasia 123!",
      location: `Tiang RT 03 ${"x".repeat(180)}`,
    });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({
      type: "ap",
      ipAddress: "2001:db8::1",
      port: 8728,
      username: "monitor",
      hasPassword: true,
      status: "unknown",
      lastSeen: null,
      location: `Tiang RT 03 ${"x".repeat(180)}`,
    });
    expect(res.text).not.toContain("Rahasia");
    expect(Object.keys(res.body)).not.toContain("password");
    const { db, close } = testDb("system");
    try {
      const [row] = await db.select().from(devices).where(eq(devices.id, res.body.id));
      expect(row?.passwordEnc).not.toContain("Rahasia");
      expect(await testSecrets().decrypt(row?.passwordEnc as string)).toBe("Rahasia 123!");
    } finally {
      await close();
    }
  });

  it("201: without credentials, hasPassword is false", async () => {
    const res = await post(fx.as.admin, { ...valid, port: 161 });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({ port: 161, hasPassword: false, username: null, location: null });
  });

  it.each([
    ["a bad IPv4", { ...valid, ipAddress: "192.168.1.256" }],
    ["a host name", { ...valid, ipAddress: "olt.local" }],
    ["an IPv6 with a zone", { ...valid, ipAddress: "fe80::1%eth0" }],
    ["port 0", { ...valid, port: 0 }],
    ["port 65536", { ...valid, port: 65536 }],
    ["an unknown type", { ...valid, type: "modem" }],
    ["markup in the name", { ...valid, name: "<b>OLT</b>" }],
    ["a read-only status", { ...valid, status: "online" }],
    ["an unknown field", { ...valid, vendor: "ZTE" }],
    ["no name", { type: "olt", ipAddress: "10.0.0.1" }],
    ["a username with spaces", { ...valid, username: "ad min" }],
    ["a location over 200 characters", { ...valid, location: "x".repeat(201) }],
  ])("400: %s", async (_why, body) => {
    const res = await post(fx.as.admin, body);
    expect(res.status, describe(res)).toBe(400);
    expect((res.body as unknown as { code: string }).code).toBe("VALIDATION_ERROR");
  });

  it("201: assigned to a connector, which probes it; 400 for another tenant's, a revoked or an unknown connector", async () => {
    const res = await post(fx.as.admin, { ...valid, connectorId: connector });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({ connectorId: connector, status: "unknown" });
    const unassigned = await post(fx.as.admin, valid);
    expect(unassigned.body.connectorId).toBeNull();
    for (const bad of [theirConnector, revoked, crypto.randomUUID(), "not-a-uuid"]) {
      const refused = await post(fx.as.admin, { ...valid, connectorId: bad });
      expect(refused.status, `${bad}: ${describe(refused)}`).toBe(400);
    }
  });

  it("401: without a token", async () => {
    const res = await post({}, valid);
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: operators, technicians and viewers may not register devices", async () => {
    for (const role of ["operator", "technician", "viewer"] as const) {
      const res = await post(fx.as[role], valid);
      expect(res.status, `${role}: ${describe(res)}`).toBe(403);
    }
  });
});
