import type { AccountDecision, BlockStatus, LimitDecision, RateLimiter } from "../../durable-objects/rate-limiter";
import type { AccountLockPolicy } from "../../durable-objects/rate-limiter/account-lock";
import type { BlockPolicy } from "../../durable-objects/rate-limiter/blocks";
import type { SuspicionPolicy } from "../../durable-objects/rate-limiter/suspicion";
import { sha256Hex } from "./crypto";

export type { AccountDecision, AccountLockPolicy, BlockPolicy, BlockStatus, LimitDecision, SuspicionPolicy };

export interface RateLimitRule {
  limit: number;
  windowMs: number;
  cost?: number;
}

/**
 * What the HTTP layer sees of rate limiting. `key` names the scope (`ip:<address>`, `user:<id>`,
 * `login:<address>`, `account:<hash>`): one Durable Object per key, so counters are shared by
 * every Worker instance. The no-op twin allows everything (unit tests, or a deployment without the binding).
 */
export interface RateLimiterClient {
  /** Counts a request against `key`; refused when over the rule or when the key is blocked. */
  limit(key: string, rule: RateLimitRule): Promise<LimitDecision>;
  /** Blocks the address now, for `baseMs` doubled per recent strike. */
  block(ip: string, policy: BlockPolicy): Promise<BlockStatus>;
  /** Records a failed sign-in from `ip` against `account` (an opaque hash); may block the address. */
  loginFailed(
    ip: string,
    account: string,
    policy: { suspicion: SuspicionPolicy; block: BlockPolicy },
  ): Promise<BlockStatus>;
  /** Counts a sign-in attempt on `account` (an opaque hash); refused while the account is locked. */
  accountAttempt(account: string, policy: AccountLockPolicy): Promise<AccountDecision>;
  /** The account's owner signed in: its attempts and lock are forgotten. */
  accountSignedIn(account: string): Promise<void>;
  /** Ends the account's lock if `unlockId` names it (the unlock link); true once per lock. */
  accountUnlock(account: string, unlockId: string): Promise<boolean>;
  /**
   * A sign-in attempt from a device that holds a device token (`device`: its id): counted and
   * locked like an account's, but apart from it, so a known device is not shut out by others' guesses.
   */
  deviceAttempt(device: string, policy: AccountLockPolicy): Promise<AccountDecision>;
  deviceSignedIn(device: string): Promise<void>;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

export function accountKey(account: string): string {
  return `account:${account}`;
}

export function deviceKey(device: string): string {
  return `device:${device}`;
}

/** The account of a sign-in (tenant + normalised email), hashed: no object name holds an address. */
export function accountHash(tenantId: string, email: string): Promise<string> {
  return sha256Hex(`account:${tenantId}:${email.trim().toLowerCase()}`);
}

export function durableRateLimiter(namespace: DurableObjectNamespace<RateLimiter>): RateLimiterClient {
  const stub = (key: string) => namespace.getByName(key);
  return {
    limit: (key, rule) => stub(key).limit({ key, ...rule }),
    block: (ip, policy) => stub(ipKey(ip)).block(policy),
    loginFailed: (ip, account, policy) => stub(ipKey(ip)).loginFailed({ account, ...policy }),
    accountAttempt: (account, policy) => stub(accountKey(account)).accountAttempt(policy),
    accountSignedIn: (account) => stub(accountKey(account)).accountSignedIn(),
    accountUnlock: (account, unlockId) => stub(accountKey(account)).accountUnlock(unlockId),
    deviceAttempt: async (device, policy) => {
      // A device's lock is not mailed about (the account's is): no unlock id leaves this call.
      const { unlockId: _unused, ...decision } = await stub(deviceKey(device)).accountAttempt(policy);
      return decision;
    },
    deviceSignedIn: (device) => stub(deviceKey(device)).accountSignedIn(),
  };
}

export const noopRateLimiter: RateLimiterClient = {
  limit: async (_key, rule) => ({
    allowed: true,
    blocked: false,
    limit: rule.limit,
    remaining: rule.limit,
    resetMs: 0,
    retryAfterMs: 0,
  }),
  block: async () => ({ blocked: false, blockedForMs: 0, strikes: 0 }),
  loginFailed: async () => ({ blocked: false, blockedForMs: 0, strikes: 0 }),
  accountAttempt: async () => ({ allowed: true, retryAfterMs: 0, strikes: 0 }),
  accountSignedIn: async () => {},
  accountUnlock: async () => false,
  deviceAttempt: async () => ({ allowed: true, retryAfterMs: 0, strikes: 0 }),
  deviceSignedIn: async () => {},
};
