import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RateLimiter } from "../../durable-objects/rate-limiter";

/** A fresh object per test: names are unique, so no test sees another's counters. */
const limiter = () => env.RATE_LIMITER.getByName(`test:${crypto.randomUUID()}`);
const MINUTE = 60_000;
const BLOCK = { baseMs: 60_000, maxMs: 3_600_000, decayMs: 86_400_000 };
const SUSPICION = { windowMs: MINUTE, maxAccounts: 3, maxFailures: 10 };

describe("RateLimiter Durable Object", () => {
  it("under a burst lets exactly `limit` through, then refuses with Retry-After until the window slides", async () => {
    const stub = limiter();
    const decisions = await Promise.all(
      Array.from({ length: 12 }, () => stub.limit({ key: "k", limit: 5, windowMs: MINUTE })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.map((d) => d.remaining).sort((a, b) => a - b)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    const refused = decisions.filter((d) => !d.allowed);
    for (const d of refused) {
      expect(d.blocked).toBe(false);
      expect(d.retryAfterMs).toBeGreaterThan(MINUTE - 1000);
      expect(d.retryAfterMs).toBeLessThanOrEqual(MINUTE + MINUTE / 10);
    }
  });

  it("keeps separate counters per key, and per object", async () => {
    const a = limiter();
    const b = limiter();
    await a.limit({ key: "x", limit: 1, windowMs: MINUTE });
    expect((await a.limit({ key: "x", limit: 1, windowMs: MINUTE })).allowed).toBe(false);
    expect((await a.limit({ key: "y", limit: 1, windowMs: MINUTE })).allowed).toBe(true);
    expect((await b.limit({ key: "x", limit: 1, windowMs: MINUTE })).allowed).toBe(true);
  });

  it("blocks after failed sign-ins against maxAccounts accounts; the block survives eviction and doubles on repeat", async () => {
    const stub = limiter();
    const fail = (account: string) => stub.loginFailed({ account, suspicion: SUSPICION, block: BLOCK });
    expect((await fail("a")).blocked).toBe(false);
    expect((await fail("b")).blocked).toBe(false);
    const first = await fail("c");
    expect(first).toMatchObject({ blocked: true, strikes: 1 });
    expect(first.blockedForMs).toBe(BLOCK.baseMs);

    await evictDurableObject(stub);
    const refused = await stub.limit({ key: "k", limit: 1000, windowMs: MINUTE });
    expect(refused).toMatchObject({ allowed: false, blocked: true, remaining: 0 });
    expect(refused.retryAfterMs).toBeGreaterThan(BLOCK.baseMs - 5_000);

    const second = await stub.block(BLOCK);
    expect(second.strikes).toBe(2);
    expect(second.blockedForMs).toBeGreaterThanOrEqual(2 * BLOCK.baseMs - 5_000);
    expect((await stub.status()).blocked).toBe(true);
  });

  it("refuses nonsense rules instead of guessing", async () => {
    const stub = limiter();
    for (const bad of [
      { key: "k", limit: 0, windowMs: MINUTE },
      { key: "k", limit: 5, windowMs: Number.NaN },
      { key: "k", limit: 5, windowMs: MINUTE, cost: -1 },
    ]) {
      let error: unknown;
      try {
        await stub.limit(bad);
      } catch (err) {
        error = err;
      }
      expect(String(error)).toMatch(/RangeError: .*(positive|non-negative)/);
    }
  });

  it("wipes its storage with an alarm once blocks, strikes and failures no longer matter", async () => {
    const stub = limiter();
    await stub.loginFailed({
      account: "a",
      suspicion: { windowMs: 1, maxAccounts: 1, maxFailures: 1 },
      block: { baseMs: 1, maxMs: 1, decayMs: 1 },
    });
    const stored = await runInDurableObject(stub, (_instance: RateLimiter, state) => [...state.storage.kv.list()]);
    expect(stored.map(([k]) => k).sort()).toEqual(["block", "failures", "forgetAt"]);
    await new Promise((r) => setTimeout(r, 20));
    await runDurableObjectAlarm(stub); // unless the runtime already ran it
    const keys = await runInDurableObject(stub, (_instance: RateLimiter, state) => [...state.storage.kv.list()]);
    expect(keys).toEqual([]);
  });
});
