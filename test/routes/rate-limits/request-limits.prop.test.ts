import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { describe } from "../../support/api";
import { appWith, randomIp } from "../../support/app";
import { createTestTenant, loginAs, type Session, type TestTenant } from "../../support/harness";

interface Problem {
  code: string;
  status: number;
  details: { scope: string; retryAfterSeconds: number };
}

group("rate limits through the app (RateLimiter Durable Object)", () => {
  // Property 50: Rate Limit Enforcement
  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 })], { numRuns: 100 })(
    "per address: the first `limit` requests in a minute pass, every one after is a 429 problem with Retry-After",
    async (limit, extra) => {
      const call = appWith({ RATE_LIMIT_IP_PER_MINUTE: String(limit) });
      const ip = randomIp();
      const statuses: number[] = [];
      for (let i = 0; i < limit + extra; i++) {
        const res = await call<Problem>("/api/v1/no-such-route", { headers: { "cf-connecting-ip": ip } });
        statuses.push(res.status);
        expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
        expect(res.headers.get("ratelimit-remaining")).toBe(String(Math.max(0, limit - i - 1)));
        if (res.status === 429) {
          expect(res.headers.get("content-type")).toContain("application/problem+json");
          expect(res.body).toMatchObject({ code: "RATE_LIMIT", status: 429, details: { scope: "ip" } });
          const retryAfter = Number(res.headers.get("retry-after"));
          expect(retryAfter).toBeGreaterThanOrEqual(59);
          expect(retryAfter).toBeLessThanOrEqual(66);
          expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(retryAfter);
        }
      }
      expect(statuses).toEqual([...Array(limit).fill(404), ...Array(extra).fill(429)]);
      // Another address is not affected.
      expect((await call("/api/v1/no-such-route", { headers: { "cf-connecting-ip": randomIp() } })).status).toBe(404);
    },
  );

  group("per user and per sign-in", () => {
    let t: TestTenant & { remove(): Promise<void> };
    let viewer: Session;
    let operator: Session;
    beforeAll(async () => {
      t = await createTestTenant({ keep: true });
      [viewer, operator] = await Promise.all([loginAs(t, "viewer"), loginAs(t, "operator")]);
    });
    afterAll(() => t.remove());

    it("100/min per user (here 3): the user's 4th request is a 429, another user on the same address is fine", async () => {
      const call = appWith({ RATE_LIMIT_USER_PER_MINUTE: "3" });
      const ip = randomIp();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await call<Problem>("/api/v1/auth/me", { headers: { ...viewer.headers, "cf-connecting-ip": ip } });
        statuses.push(res.status);
        if (i === 0) expect(res.headers.get("ratelimit-remaining")).toBe("2"); // the tighter of user and address
        if (res.status === 429) expect(res.body.details.scope).toBe("user");
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const other = await call("/api/v1/auth/me", { headers: { ...operator.headers, "cf-connecting-ip": ip } });
      expect(other.status, describe(other)).toBe(200);
    });

    it("5/min sign-ins per address (here 2): the 3rd attempt is a 429 even with the right password", async () => {
      const call = appWith({ RATE_LIMIT_LOGIN_PER_MINUTE: "2" });
      const ip = randomIp();
      const login = (from: string) =>
        call<Problem>("/api/v1/auth/login", {
          headers: { ...t.headers, "cf-connecting-ip": from },
          body: { email: t.users.admin.email, password: t.users.admin.password },
        });
      const statuses = [(await login(ip)).status, (await login(ip)).status];
      const third = await login(ip);
      expect(statuses).toEqual([200, 200]);
      expect(third.status, describe(third)).toBe(429);
      expect(third.body.details.scope).toBe("login");
      expect((await login(randomIp())).status).toBe(200);
      // Only sign-in is limited that tightly: the address may still call everything else.
      expect((await call("/api/v1/auth/me", { headers: { ...viewer.headers, "cf-connecting-ip": ip } })).status).toBe(
        200,
      );
    });
  });
});
