import { expect, describe as group, it } from "vitest";
import { describe } from "../../support/api";
import { appWith, randomIp } from "../../support/app";
import { createTestTenant, loginAs } from "../../support/harness";

/** Low thresholds for these tests (the shared test Worker's are out of reach); logins stay unlimited. */
const call = appWith({
  SUSPICIOUS_LOGIN_ACCOUNTS: "3",
  SUSPICIOUS_LOGIN_FAILURES: "4",
  IP_BLOCK_SECONDS: "600",
  RATE_LIMIT_LOGIN_PER_MINUTE: "100",
});

const PATH = "/api/v1/users/me/password";

group("POST /api/v1/users/me/password: a wrong current password is a failed sign-in", () => {
  it("SUSPICIOUS_LOGIN_FAILURES wrong current passwords block the address on every route (429)", async () => {
    const t = await createTestTenant();
    const { headers } = await loginAs(t, "operator");
    const ip = randomIp();
    for (let i = 0; i < 4; i++) {
      const res = await call(PATH, {
        headers: { ...headers, "cf-connecting-ip": ip },
        body: { current_password: `guess-number-${i}`, new_password: "brand-new-password" },
      });
      expect(res.status, describe(res)).toBe(400);
    }
    const blocked = await call<{ code: string; detail: string }>("/api/v1/auth/me", {
      headers: { ...headers, "cf-connecting-ip": ip },
    });
    expect(blocked.status, describe(blocked)).toBe(429);
    expect(blocked.body).toMatchObject({ code: "RATE_LIMIT", detail: expect.stringMatching(/blocked/) });
    const elsewhere = await call("/api/v1/auth/me", { headers: { ...headers, "cf-connecting-ip": randomIp() } });
    expect(elsewhere.status, describe(elsewhere)).toBe(200);
  });

  it("other 400s (a short new password) are not counted", async () => {
    const t = await createTestTenant();
    const { headers } = await loginAs(t, "viewer");
    const ip = randomIp();
    for (let i = 0; i < 4; i++) {
      const res = await call(PATH, {
        headers: { ...headers, "cf-connecting-ip": ip },
        body: { current_password: t.users.viewer.password, new_password: "short" },
      });
      expect(res.status, describe(res)).toBe(400);
    }
    const me = await call("/api/v1/auth/me", { headers: { ...headers, "cf-connecting-ip": ip } });
    expect(me.status, describe(me)).toBe(200);
  });
});
