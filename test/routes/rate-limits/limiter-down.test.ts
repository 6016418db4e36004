import { env } from "cloudflare:workers";
import { expect, describe as group, it } from "vitest";
import { describe } from "../../support/api";
import { appWith, randomIp } from "../../support/app";
import { createTestTenant } from "../../support/harness";

interface Problem {
  code: string;
  details: { scope: string; retryAfterSeconds: number };
}

/** The Worker's RateLimiter namespace, with the objects whose names match `down` unreachable. */
function limiterWithOutage(down: (name: string) => boolean) {
  const real = env.RATE_LIMITER;
  return {
    getByName: (name: string) => {
      if (!down(name)) return real.getByName(name);
      return new Proxy({}, { get: () => () => Promise.reject(new Error("limiter unreachable")) });
    },
  };
}

const appWithOutage = (down: (name: string) => boolean) =>
  appWith({ RATE_LIMITER: limiterWithOutage(down) as unknown as string });

group("the sign-in limit fails closed; the other limits fail open", () => {
  it("with the whole limiter down, sign-in answers 503 + Retry-After; other routes still answer", async () => {
    const t = await createTestTenant();
    const call = appWithOutage(() => true);
    const res = await call<Problem>("/api/v1/auth/login", {
      headers: { ...t.headers, "cf-connecting-ip": randomIp() },
      body: { email: t.users.admin.email, password: t.users.admin.password },
    });
    expect(res.status, describe(res)).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { scope: "login" } });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await call("/api/v1/tenant", { headers: { ...t.headers, "cf-connecting-ip": randomIp() } });
    expect(other.status, describe(other)).toBe(200);
  });

  it("with only the account lock's objects down, sign-in still answers 503, not an unthrottled attempt", async () => {
    const t = await createTestTenant();
    const call = appWithOutage((name) => name.startsWith("account:") || name.startsWith("device:"));
    for (const password of [t.users.admin.password, "wrong-password-1"]) {
      const res = await call<Problem>("/api/v1/auth/login", {
        headers: { ...t.headers, "cf-connecting-ip": randomIp() },
        body: { email: t.users.admin.email, password },
      });
      expect(res.status, describe(res)).toBe(503);
      expect(res.body).toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { scope: "account" } });
      expect(res.headers.get("retry-after")).toBe("30");
    }
  });
});
