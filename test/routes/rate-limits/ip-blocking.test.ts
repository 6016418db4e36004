import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { describe } from "../../support/api";
import { appWith, randomIp } from "../../support/app";
import { createTestTenant, type TestTenant } from "../../support/harness";

let t: TestTenant & { remove(): Promise<void> };
beforeAll(async () => {
  t = await createTestTenant({ keep: true });
});
afterAll(() => t.remove());

interface Problem {
  code: string;
  detail: string;
}

/** Low thresholds for these tests; the sign-in limit itself stays out of the way. */
const call = appWith({
  SUSPICIOUS_LOGIN_ACCOUNTS: "3",
  SUSPICIOUS_LOGIN_FAILURES: "6",
  IP_BLOCK_SECONDS: "600",
  RATE_LIMIT_LOGIN_PER_MINUTE: "100",
});

const failLogin = (ip: string, email: string) =>
  call("/api/v1/auth/login", {
    headers: { ...t.headers, "cf-connecting-ip": ip },
    body: { email, password: "wrong-password" },
  });

group("blocking an address after suspicious sign-ins (through the app)", () => {
  it("failed sign-ins against 3 accounts block the address on every route (429 + Retry-After); others are unaffected", async () => {
    const ip = randomIp();
    for (const email of [t.users.viewer.email, "nobody@example.id", "someone@example.id"]) {
      // The failing attempts themselves are answered normally; the block starts after the last one.
      expect((await failLogin(ip, email)).status).toBe(401);
    }
    for (const path of ["/api/v1/health", "/api/v1/tenant", "/api/v1/auth/login"]) {
      const res = await call<Problem>(path, {
        headers: { ...t.headers, "cf-connecting-ip": ip },
        ...(path.endsWith("login") ? { body: { email: t.users.admin.email, password: t.users.admin.password } } : {}),
      });
      expect(res.status, `${path}: ${describe(res)}`).toBe(429);
      expect(res.body).toMatchObject({ code: "RATE_LIMIT", detail: expect.stringMatching(/blocked/) });
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(590);
    }
    const elsewhere = await call("/api/v1/tenant", { headers: { ...t.headers, "cf-connecting-ip": randomIp() } });
    expect(elsewhere.status, describe(elsewhere)).toBe(200);
  });

  it("brute force against one account blocks after SUSPICIOUS_LOGIN_FAILURES failures", async () => {
    const ip = randomIp();
    for (let i = 0; i < 6; i++) expect((await failLogin(ip, t.users.viewer.email)).status).toBe(401);
    expect((await call("/api/v1/tenant", { headers: { ...t.headers, "cf-connecting-ip": ip } })).status).toBe(429);
  });

  it("failures below both thresholds block nothing, and a right password still signs in", async () => {
    const ip = randomIp();
    for (const email of [t.users.viewer.email, t.users.viewer.email, "someone@example.id"]) {
      expect((await failLogin(ip, email)).status).toBe(401);
    }
    const ok = await call("/api/v1/auth/login", {
      headers: { ...t.headers, "cf-connecting-ip": ip },
      body: { email: t.users.viewer.email, password: t.users.viewer.password },
    });
    expect(ok.status, describe(ok)).toBe(200);
  });
});
