import { getCookie } from "hono/cookie";
import type { AppContext, Config } from "../env";
import { problem, problemResponse } from "../errors/problem";
import { type AccountLockPolicy, accountHash } from "../lib/rate-limit";
import { type DeviceClaims, readDeviceToken } from "../services/auth/sign-in-tokens";
import { limiterUnavailable, rateLimiter } from "./rate-limit";

/** An account's lock strikes are forgotten once it has been unlocked this long (as an address's). */
const STRIKE_MEMORY_MS = 24 * 3600_000;
/** The device token's cookie: HttpOnly, Secure, SameSite=Strict, sent only to the auth routes. */
export const DEVICE_COOKIE = "rtrw_device";
export const DEVICE_HEADER = "x-device-token";

/**
 * How one sign-in attempt is counted: against the account (tenant + email, from any address), or,
 * when it comes with a valid device token of that account, against that device alone.
 */
export type SignInGate =
  | { counted: "account"; account: string /** This attempt locked the account. */; unlockId?: string }
  | { counted: "device"; account: string; device: DeviceClaims };

/**
 * The per-account half of sign-in throttling (spec "Exponential backoff on repeated failures"):
 * the per-address limits let each of many addresses guess one account's password 5 times a
 * minute. Every attempt on an account is counted in the account's RateLimiter object
 * (`account:<hash>`); ACCOUNT_LOGIN_ATTEMPTS of them lock it (`durable-objects/rate-limiter/
 * account-lock.ts`). Called before the password is checked, so a locked account answers 429
 * whatever the password (a right one must not tell itself apart).
 *
 * A stranger can keep that lock on forever, so an attempt carrying a valid device token for this
 * account (issued by an earlier successful sign-in, see `deviceTokenOf`) is counted against the
 * device instead (`device:<id>`, same policy): the account's lock does not stop it, and a stolen
 * device token gets no more guesses than the account itself.
 *
 * The key is a hash of tenant and email whether or not such a user exists, and the answer is the
 * same either way: the lock reveals nothing about which emails are registered. Returns the gate, or
 * the response to answer with: 429 while locked, 503 when the limiter cannot be reached (fail
 * closed: an outage must not turn into unthrottled guessing).
 */
export async function beginSignInAttempt(
  c: AppContext,
  tenantId: string,
  email: string,
  device: DeviceClaims | undefined,
): Promise<SignInGate | Response> {
  const policy = accountLockPolicy(c.get("config"));
  try {
    const account = await accountHash(tenantId, email);
    if (device && device.t === tenantId && device.a === account) {
      const decision = await rateLimiter(c).deviceAttempt(device.d, policy);
      return decision.allowed ? { counted: "device", account, device } : locked(c, "device", decision);
    }
    const decision = await rateLimiter(c).accountAttempt(account, policy);
    if (!decision.allowed) return locked(c, "account", decision);
    return { counted: "account", account, ...(decision.unlockId ? { unlockId: decision.unlockId } : {}) };
  } catch (err) {
    return limiterUnavailable(c, "account", err);
  }
}

/** A successful sign-in: the attempts, lock and strikes of what it was counted against start over. */
export async function signInSucceeded(c: AppContext, gate: SignInGate): Promise<void> {
  try {
    if (gate.counted === "device") await rateLimiter(c).deviceSignedIn(gate.device.d);
    else await rateLimiter(c).accountSignedIn(gate.account);
  } catch (err) {
    c.get("log").warn("rate limiter unavailable: sign-in attempts not reset", { err });
  }
}

/** The device token a sign-in carries: body `deviceToken`, else `X-Device-Token`, else the cookie. */
export async function deviceTokenOf(c: AppContext, fromBody: string | undefined): Promise<DeviceClaims | undefined> {
  const token = fromBody ?? c.req.header(DEVICE_HEADER) ?? getCookie(c, DEVICE_COOKIE);
  return token ? readDeviceToken(c.get("config").JWT_PRIVATE_KEY, token) : undefined;
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

function locked(c: AppContext, scope: "account" | "device", decision: { retryAfterMs: number; strikes: number }) {
  const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  c.get("log").warn(`sign-in refused: ${scope} locked after repeated attempts`, { strikes: decision.strikes });
  const detail = `Too many sign-in attempts for this ${scope}; retry in ${retryAfter} s`;
  return problemResponse(problem("RATE_LIMIT", detail, c.get("requestId"), { scope, retryAfterSeconds: retryAfter }), {
    "Retry-After": String(retryAfter),
  });
}
