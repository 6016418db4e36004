import { expect, describe as group, it } from "vitest";
import { describe } from "../../support/api";
import { appWith, randomIp } from "../../support/app";
import { createTestTenant, type TestTenant } from "../../support/harness";
import { accountObject, advanceLimiterClock } from "../../support/limiter-clock";

interface Problem {
  code: string;
  detail: string;
  details: { scope: string; retryAfterSeconds: number };
}

/** 3 attempts per account; the per-address limits stay out of the way (the test Worker's are huge). */
const settings = { ACCOUNT_LOGIN_ATTEMPTS: "3", ACCOUNT_LOGIN_WINDOW_SECONDS: "900" };
const BASE_LOCK_S = 600;
const longLock = appWith({
  ...settings,
  ACCOUNT_LOCK_SECONDS: String(BASE_LOCK_S),
  ACCOUNT_LOCK_MAX_SECONDS: String(2 * BASE_LOCK_S),
});

/** A sign-in from a fresh address every time: many addresses against one account. */
const signIn = (call: typeof longLock, t: TestTenant, email: string, password = "wrong-password-1") =>
  call<Problem>("/api/v1/auth/login", {
    headers: { ...t.headers, "cf-connecting-ip": randomIp() },
    body: { email, password },
  });

const statuses = async (n: number, attempt: () => Promise<{ status: number }>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await attempt()).status);
  return out;
};

group("sign-in attempts per account, from many addresses (429 + Retry-After)", () => {
  it("locks the account after ACCOUNT_LOGIN_ATTEMPTS failures, even for the right password; other accounts are unaffected", async () => {
    const t = await createTestTenant();
    const admin = t.users.admin;
    expect(await statuses(3, () => signIn(longLock, t, admin.email))).toEqual([401, 401, 401]);
    const locked = await signIn(longLock, t, admin.email, admin.password);
    expect(locked.status, describe(locked)).toBe(429);
    expect(locked.body).toMatchObject({ code: "RATE_LIMIT", details: { scope: "account" } });
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(BASE_LOCK_S);
    // The email in another case or with spaces is the same account.
    expect((await signIn(longLock, t, ` ${admin.email.toUpperCase()} `)).status).toBe(429);

    const viewer = await signIn(longLock, t, t.users.viewer.email, t.users.viewer.password);
    expect(viewer.status, describe(viewer)).toBe(200);
    expect((await signIn(longLock, t, t.users.operator.email)).status).toBe(401);
  });

  it("an unknown email is throttled exactly like a registered one", async () => {
    const t = await createTestTenant();
    const failUntilLocked = async (email: string) => ({
      failures: await statuses(3, () => signIn(longLock, t, email)),
      locked: await signIn(longLock, t, email),
    });
    const known = await failUntilLocked(t.users.operator.email);
    const unknown = await failUntilLocked(`nobody-${Date.now()}@example.id`);
    expect(known.failures).toEqual([401, 401, 401]);
    expect(unknown.failures).toEqual(known.failures);
    for (const { locked } of [known, unknown]) {
      expect(locked.status, describe(locked)).toBe(429);
      expect(locked.headers.get("retry-after")).toBe("600");
      expect(locked.body).toMatchObject({ code: "RATE_LIMIT", details: { scope: "account", retryAfterSeconds: 600 } });
    }
    expect(unknown.locked.body.detail).toBe(known.locked.body.detail);
  });

  it("the lock ends after ACCOUNT_LOCK_SECONDS, a repeat doubles it (capped), and a success starts over", async () => {
    const t = await createTestTenant();
    const { email, password } = t.users.technician;
    // The lock's object runs on a clock the test moves on: no waiting through real seconds.
    const object = await accountObject(t.id, email);
    expect(await statuses(4, () => signIn(longLock, t, email))).toEqual([401, 401, 401, 429]);
    await advanceLimiterClock(object, BASE_LOCK_S * 1000);
    expect(await statuses(4, () => signIn(longLock, t, email))).toEqual([401, 401, 401, 429]);
    const second = await signIn(longLock, t, email, password);
    expect(second.status).toBe(429);
    // The repeat doubled the lock: more than the base is left of it, and at most twice the base.
    const doubled = Number(second.headers.get("retry-after"));
    expect(doubled).toBeGreaterThan(2 * BASE_LOCK_S - 30);
    expect(doubled).toBeLessThanOrEqual(2 * BASE_LOCK_S);
    await advanceLimiterClock(object, doubled * 1000 - 5000);
    expect((await signIn(longLock, t, email, password)).status, "5 s before its end the lock still holds").toBe(429);
    await advanceLimiterClock(object, 5000);
    const ok = await signIn(longLock, t, email, password);
    expect(ok.status, describe(ok)).toBe(200);
    // Started over: three more failures before the next lock, which is back to the base.
    expect(await statuses(4, () => signIn(longLock, t, email))).toEqual([401, 401, 401, 429]);
    const again = Number((await signIn(longLock, t, email)).headers.get("retry-after"));
    expect(again).toBeGreaterThan(BASE_LOCK_S - 30);
    expect(again).toBeLessThanOrEqual(BASE_LOCK_S);
  });

  it("a successful sign-in between failures resets the count", async () => {
    const t = await createTestTenant();
    const { email, password } = t.users.viewer;
    const seq = [
      await signIn(longLock, t, email),
      await signIn(longLock, t, email),
      await signIn(longLock, t, email, password),
      await signIn(longLock, t, email),
      await signIn(longLock, t, email),
      await signIn(longLock, t, email, password),
    ].map((r) => r.status);
    expect(seq).toEqual([401, 401, 200, 401, 401, 200]);
  });
});
