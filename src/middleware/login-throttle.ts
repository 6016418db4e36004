import type { AppContext, Config } from "../env";
import { problem, problemResponse } from "../errors/problem";
import { sha256Hex } from "../lib/crypto";
import type { AccountLockPolicy } from "../lib/rate-limit";
import { rateLimiter } from "./rate-limit";

/** An account's lock strikes are forgotten once it has been unlocked this long (as an address's). */
const STRIKE_MEMORY_MS = 24 * 3600_000;

/**
 * The per-account half of sign-in throttling (spec "Exponential backoff on repeated failures"):
 * the per-address limits let each of many addresses guess one account's password 5 times a
 * minute. Every attempt on an account (tenant + email, from any address) is counted in the
 * account's RateLimiter object (`account:<hash>`); ACCOUNT_LOGIN_ATTEMPTS of them lock it
 * (`durable-objects/rate-limiter/account-lock.ts`). Called before the password is checked, so a
 * locked account answers 429 whatever the password (a right one must not tell itself apart).
 *
 * The key is a hash of tenant and email whether or not such a user exists, and the answer is the
 * same either way: the lock reveals nothing about which emails are registered. Returns the 429
 * response, or undefined to go on. A limiter outage lets the attempt through (logged), as with the
 * other limits.
 */
export async function beginAccountAttempt(c: AppContext, tenantId: string, email: string) {
  try {
    const decision = await rateLimiter(c).accountAttempt(
      await accountHash(tenantId, email),
      accountLockPolicy(c.get("config")),
    );
    if (decision.allowed) return undefined;
    const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    c.get("log").warn("sign-in refused: account locked after repeated attempts", { strikes: decision.strikes });
    const detail = `Too many sign-in attempts for this account; retry in ${retryAfter} s`;
    return problemResponse(
      problem("RATE_LIMIT", detail, c.get("requestId"), { scope: "account", retryAfterSeconds: retryAfter }),
      { "Retry-After": String(retryAfter) },
    );
  } catch (err) {
    c.get("log").warn("rate limiter unavailable: sign-in attempt not counted", { err });
    return undefined;
  }
}

/** A successful sign-in: the account's attempts, lock and strikes start over. */
export async function accountSignedIn(c: AppContext, tenantId: string, email: string): Promise<void> {
  try {
    await rateLimiter(c).accountSignedIn(await accountHash(tenantId, email));
  } catch (err) {
    c.get("log").warn("rate limiter unavailable: account attempts not reset", { err });
  }
}

export function accountLockPolicy(config: Config): AccountLockPolicy {
  return {
    windowMs: config.ACCOUNT_LOGIN_WINDOW_SECONDS * 1000,
    maxAttempts: config.ACCOUNT_LOGIN_ATTEMPTS,
    block: {
      baseMs: config.ACCOUNT_LOCK_SECONDS * 1000,
      maxMs: Math.max(config.ACCOUNT_LOCK_MAX_SECONDS, config.ACCOUNT_LOCK_SECONDS) * 1000,
      decayMs: STRIKE_MEMORY_MS,
    },
  };
}

/** Tenant + normalised email, hashed: the limiter's object name never holds the address. */
function accountHash(tenantId: string, email: string): Promise<string> {
  return sha256Hex(`account:${tenantId}:${email.trim().toLowerCase()}`);
}
