import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { RateLimiter } from "../../durable-objects/rate-limiter";
import { accountHash } from "../../src/lib/rate-limit";

/**
 * Moves the clock of one live RateLimiter object `ms` ahead (its `clock` is injectable), so a
 * test sees a lock end without sleeping through it. The object stays in memory between the calls
 * of one test (nothing evicts it), so the shifted clock holds for the rest of the test.
 */
export async function advanceLimiterClock(objectName: string, ms: number): Promise<void> {
  const stub = env.RATE_LIMITER.getByName(objectName);
  await runInDurableObject(stub, (instance: RateLimiter) => {
    const base = instance.clock;
    instance.clock = { now: () => base.now() + ms };
  });
}

/** The RateLimiter object that counts the sign-ins of one account. */
export async function accountObject(tenantId: string, email: string): Promise<string> {
  return `account:${await accountHash(tenantId, email)}`;
}
