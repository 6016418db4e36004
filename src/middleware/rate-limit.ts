import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppContext, AppEnv, Config } from "../env";
import { problem, problemResponse } from "../errors/problem";
import { addressKey } from "../lib/address-key";
import { sha256Hex } from "../lib/crypto";
import {
  durableRateLimiter,
  type LimitDecision,
  noopRateLimiter,
  type RateLimiterClient,
  type RateLimitRule,
} from "../lib/rate-limit";
import { clientInfo } from "../routes/shared";
import { editResponseHeaders } from "./response-headers";

const MINUTE_MS = 60_000;
/** Strikes of an address are forgotten once it has been unblocked this long. */
const STRIKE_MEMORY_MS = 24 * 3600_000;

/**
 * Rate limits (spec "Rate Limiting"), each a sliding window in a RateLimiter Durable Object:
 * every request per client address (`rateLimitByIp`, in `createApp` before any route), every
 * authenticated request per user (`rateLimitByUser`, after `authenticate`), and sign-in attempts
 * per address (`rateLimitLogin`). Over the limit → 429 problem with `Retry-After`. Every response
 * carries `RateLimit-Limit/-Remaining/-Reset` of the tightest limit that applied.
 *
 * A blocked address (suspicious sign-ins, see `noteFailedLogin`) also gets 429 RATE_LIMIT on every
 * route, with `Retry-After` = the rest of the block: it is a "come back later", and a 403 would tell
 * a legitimate user behind a shared address that they lack a permission, which they do not.
 *
 * Addresses are counted by `addressKey`: an IPv4 address as it is, an IPv6 one by its /64 (one
 * client's allocation), so rotating through a /64 gets no fresh counters.
 *
 * If the limiter itself fails, the per-address and per-user limits let the request through and log
 * the failure: an outage of the limiter must not become an outage of the API. Sign-in is the
 * exception (`rateLimitLogin`, and the account lock in login-throttle.ts): it fails closed with 503
 * SERVICE_UNAVAILABLE + Retry-After, since unthrottled attempts are exactly what a password guesser
 * wants, and a signed-in user keeps working on their tokens meanwhile.
 *
 * @example
 * app.use("*", rateLimitByIp());
 */
export function rateLimitByIp(): MiddlewareHandler<AppEnv> {
  return limitBy("ip", (c) => ({
    key: `ip:${clientAddressKey(c)}`,
    limit: c.get("config").RATE_LIMIT_IP_PER_MINUTE,
  }));
}

export function rateLimitByUser(): MiddlewareHandler<AppEnv> {
  return limitBy("user", (c) => {
    const actor = c.get("actor");
    if (actor?.type !== "user" || c.get("userRateLimited")) return undefined;
    c.set("userRateLimited", true);
    return { key: `user:${actor.userId}`, limit: c.get("config").RATE_LIMIT_USER_PER_MINUTE };
  });
}

export function rateLimitLogin(): MiddlewareHandler<AppEnv> {
  return limitBy(
    "login",
    (c) => ({ key: `login:${clientAddressKey(c)}`, limit: c.get("config").RATE_LIMIT_LOGIN_PER_MINUTE }),
    { failClosed: true },
  );
}

/**
 * Records a failed sign-in for the address of `c` (after the 401 is decided). The account is hashed
 * with its tenant, so the limiter never stores an email. Blocks the address when the failures look
 * like credential stuffing or brute force (SUSPICIOUS_LOGIN_*), doubling on each repeat.
 */
export async function noteFailedLogin(c: AppContext, tenantId: string, email: string): Promise<void> {
  const config = c.get("config");
  const ip = clientAddressKey(c);
  try {
    const account = await sha256Hex(`${tenantId}:${email}`);
    const status = await rateLimiter(c).loginFailed(ip, account, {
      suspicion: {
        windowMs: config.SUSPICIOUS_LOGIN_WINDOW_SECONDS * 1000,
        maxAccounts: config.SUSPICIOUS_LOGIN_ACCOUNTS,
        maxFailures: config.SUSPICIOUS_LOGIN_FAILURES,
      },
      block: blockPolicy(config),
    });
    if (status.blocked) {
      c.get("log").warn("address blocked after suspicious sign-ins", {
        ip,
        strikes: status.strikes,
        blockedForMs: status.blockedForMs,
      });
    }
  } catch (err) {
    c.get("log").warn("rate limiter unavailable: failed sign-in not recorded", { err });
  }
}

export function blockPolicy(config: Config) {
  return {
    baseMs: config.IP_BLOCK_SECONDS * 1000,
    maxMs: config.IP_BLOCK_MAX_SECONDS * 1000,
    decayMs: STRIKE_MEMORY_MS,
  };
}

/** The DO-backed limiter, or the no-op twin when the Worker has no RATE_LIMITER binding. */
export function rateLimiter(c: AppContext): RateLimiterClient {
  const ns = c.env?.RATE_LIMITER;
  return ns ? durableRateLimiter(ns) : noopRateLimiter;
}

/** The client address: Cloudflare's CF-Connecting-IP (the edge overwrites any client-sent value). */
export function clientIp(c: AppContext): string {
  return clientInfo(c.req).ip || "unknown";
}

/** What per-address limits count the client under: its IPv4 address, or its IPv6 /64. */
export function clientAddressKey(c: AppContext): string {
  return addressKey(clientIp(c));
}

/** Seconds a sign-in refused for want of its limiter is told to wait. */
const LIMITER_DOWN_RETRY_S = 30;

/** 503 for a sign-in whose limiter could not be asked: fail closed, never unthrottled. */
export function limiterUnavailable(c: AppContext, scope: string, err: unknown): Response {
  c.get("log").error("rate limiter unavailable: sign-in refused", { scope, err });
  const detail = `Sign-in is temporarily unavailable; retry in ${LIMITER_DOWN_RETRY_S} s`;
  return problemResponse(
    problem("SERVICE_UNAVAILABLE", detail, c.get("requestId"), { scope, retryAfterSeconds: LIMITER_DOWN_RETRY_S }),
    { "Retry-After": String(LIMITER_DOWN_RETRY_S) },
  );
}

function limitBy(
  scope: string,
  ruleOf: (c: AppContext) => (Omit<RateLimitRule, "windowMs"> & { key: string }) | undefined,
  options: { failClosed?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async function rateLimitMiddleware(c, next) {
    const rule = ruleOf(c);
    if (!rule) return next();
    let decision: LimitDecision;
    try {
      decision = await rateLimiter(c).limit(rule.key, { limit: rule.limit, windowMs: MINUTE_MS });
    } catch (err) {
      if (options.failClosed) return limiterUnavailable(c, scope, err);
      c.get("log").warn("rate limiter unavailable: request let through", { scope, err });
      return next();
    }
    if (!decision.allowed) return tooManyRequests(c, decision, scope);
    await next();
    editResponseHeaders(c, (headers) => setRateLimitHeaders(headers, decision));
  });
}

function tooManyRequests(c: AppContext, decision: LimitDecision, scope: string): Response {
  const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  const detail = decision.blocked
    ? `This address is temporarily blocked after suspicious activity; retry in ${retryAfter} s`
    : `Too many requests (${decision.limit} per minute per ${scope}); retry in ${retryAfter} s`;
  const headers = new Headers({ "Retry-After": String(retryAfter) });
  setRateLimitHeaders(headers, decision);
  return problemResponse(
    problem("RATE_LIMIT", detail, c.get("requestId"), { scope, retryAfterSeconds: retryAfter }),
    headers,
  );
}

/** Sets the RateLimit-* headers unless a tighter limit (fewer remaining) already set them. */
function setRateLimitHeaders(headers: Headers, d: LimitDecision): void {
  const current = headers.get("RateLimit-Remaining");
  if (current !== null && Number(current) <= d.remaining) return;
  headers.set("RateLimit-Limit", String(d.limit));
  headers.set("RateLimit-Remaining", String(d.remaining));
  headers.set("RateLimit-Reset", String(Math.ceil(d.resetMs / 1000)));
}
