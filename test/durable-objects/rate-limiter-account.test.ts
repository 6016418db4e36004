import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RateLimiter } from "../../durable-objects/rate-limiter";

const limiter = () => env.RATE_LIMITER.getByName(`account:test-${crypto.randomUUID()}`);
const POLICY = {
  windowMs: 900_000,
  maxAttempts: 3,
  block: { baseMs: 60_000, maxMs: 1_800_000, decayMs: 86_400_000 },
};

describe("RateLimiter Durable Object: sign-in attempts per account", () => {
  it("locks after maxAttempts; the lock survives eviction; a sign-in forgets it", async () => {
    const stub = limiter();
    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push((await stub.accountAttempt(POLICY)).allowed);
    expect(allowed).toEqual([true, true, true]);
    await evictDurableObject(stub);
    const refused = await stub.accountAttempt(POLICY);
    expect(refused).toMatchObject({ allowed: false, strikes: 1 });
    expect(refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);

    await stub.accountSignedIn();
    expect(await stub.accountAttempt(POLICY)).toMatchObject({ allowed: true, strikes: 0 });
    const keys = await runInDurableObject(stub, (_i: RateLimiter, state) =>
      [...state.storage.kv.list()].map(([k]) => k),
    );
    expect(keys.sort()).toEqual(["account", "forgetAt"]);
  });

  it("refuses a nonsense policy instead of guessing", async () => {
    const stub = limiter();
    let error: unknown;
    try {
      await stub.accountAttempt({ ...POLICY, maxAttempts: 0 });
    } catch (err) {
      error = err;
    }
    expect(String(error)).toMatch(/RangeError: expected a positive number/);
  });
});
