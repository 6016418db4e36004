import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { tenantSmtpSettings } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { testSecrets } from "../../support/network-seed";
import { runCommonRouteTests } from "../../support/security-suite";

const BODY = {
  host: "mail.warungnet.id",
  port: 587,
  secureMode: "starttls",
  username: "billing@warungnet.id",
  password: "s3cret-app-password",
  fromAddress: "Billing@WarungNet.id",
  delivery: "direct",
};

let tenant: TestTenant & { remove(): Promise<void> };
let admin: Record<string, string>;

beforeAll(async () => {
  tenant = await createTestTenant({ keep: true });
  admin = (await loginAs(tenant, "admin")).headers;
});
afterAll(() => tenant.remove());

const stored = async () => {
  const { db, close } = testDb("system");
  const [row] = await db.select().from(tenantSmtpSettings).where(eq(tenantSmtpSettings.tenantId, tenant.id));
  await close();
  return row;
};

group("/api/v1/settings/smtp", () => {
  it("GET 200: the platform's server until the tenant sets its own", async () => {
    const res = await api<{ source: string; host: string | null }>("/api/v1/settings/smtp", { headers: admin });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ source: "platform", host: null, hasPassword: false });
  });

  it("PUT 200: saves the settings, the password encrypted and never returned; omitted keeps it, null removes it", async () => {
    const res = await api("/api/v1/settings/smtp", { method: "PUT", headers: admin, body: BODY });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({
      source: "tenant",
      host: BODY.host,
      hasPassword: true,
      fromAddress: "billing@warungnet.id",
    });
    expect(res.text).not.toContain(BODY.password);
    const row = await stored();
    expect(row?.passwordEnc).not.toContain(BODY.password);
    expect(await testSecrets().decrypt(row?.passwordEnc ?? "")).toBe(BODY.password);

    const { password: _p, ...withoutPassword } = BODY;
    const kept = await api("/api/v1/settings/smtp", {
      method: "PUT",
      headers: admin,
      body: { ...withoutPassword, username: "tagihan@warungnet.id", fromAddress: "tagihan@warungnet.id" },
    });
    expect(kept.body).toMatchObject({ username: "tagihan@warungnet.id", hasPassword: true });
    expect((await stored())?.passwordEnc).toBe(row?.passwordEnc);

    const removed = await api("/api/v1/settings/smtp", {
      method: "PUT",
      headers: admin,
      body: { ...BODY, password: null },
    });
    expect(removed.body).toMatchObject({ hasPassword: false });
    const get = await api("/api/v1/settings/smtp", { headers: admin });
    expect(get.body).toMatchObject({ source: "tenant", port: 587, hasPassword: false });
  });

  it("PUT 400 naming password: a new host, port, mode or delivery for the stored password without it; nothing written", async () => {
    const put = (body: Record<string, unknown>) =>
      api<{ code: string; details?: { field?: string } }>("/api/v1/settings/smtp", {
        method: "PUT",
        headers: admin,
        body,
      });
    expect((await put(BODY)).status).toBe(200);
    const { password: _p, ...withoutPassword } = BODY;
    for (const moved of [
      { host: "smtp.attacker.example" },
      { port: 2525 },
      { secureMode: "none" },
      { delivery: "connector" },
    ]) {
      const before = await stored();
      const refused = await put({ ...withoutPassword, ...moved });
      expect(refused.status, `${JSON.stringify(moved)}: ${describe(refused)}`).toBe(400);
      expect(refused.body).toMatchObject({ code: "VALIDATION_ERROR", details: { field: "password" } });
      expect(await stored()).toEqual(before);
      const ok = await put({ ...BODY, ...moved, password: "the-new-password" });
      expect(ok.status, `${JSON.stringify(moved)}: ${describe(ok)}`).toBe(200);
      expect(await testSecrets().decrypt((await stored())?.passwordEnc ?? "")).toBe("the-new-password");
      expect((await put(BODY)).status).toBe(200);
    }
    // No password stored: nothing to redirect, a new host needs none.
    expect((await put({ ...BODY, password: null })).status).toBe(200);
    const free = await put({ ...withoutPassword, host: "smtp.other.example" });
    expect(free.status, describe(free)).toBe(200);
    expect(free.body).toMatchObject({ host: "smtp.other.example", hasPassword: false });
  });

  it("PUT 400: a bad host, port, mode or address", async () => {
    for (const bad of [
      { host: "mail server" },
      { host: "<script>" },
      { port: 0 },
      { port: 70000 },
      { secureMode: "ssl" },
      { fromAddress: "not-an-email" },
      { delivery: "carrier-pigeon" },
    ]) {
      const res = await api("/api/v1/settings/smtp", { method: "PUT", headers: admin, body: { ...BODY, ...bad } });
      expect(res.status, `${JSON.stringify(bad)}: ${describe(res)}`).toBe(400);
    }
  });
});

runCommonRouteTests({ method: "GET", path: "/api/v1/settings/smtp", permission: "settings:read" });
runCommonRouteTests({ method: "PUT", path: "/api/v1/settings/smtp", permission: "settings:write", body: BODY });
