import { z } from "zod";
import { type SignedTokenKind, signToken, verifyToken } from "../../lib/signed-token";

/** A device token lives this long; every sign-in from the device renews it. */
export const DEVICE_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
/** An unlock link works this long (longer than any lock lasts). */
export const UNLOCK_TOKEN_TTL_SECONDS = 3600;

const DevicePayload = z.object({
  /** Tenant, user and the account hash (tenant + email) the device signed in to. */
  t: z.uuid(),
  u: z.uuid(),
  a: z.string().regex(/^[0-9a-f]{64}$/),
  /** The device: its own sign-in attempts are counted under this id. */
  d: z.uuid(),
});
export type DeviceClaims = z.infer<typeof DevicePayload>;

const UnlockPayload = z.object({
  t: z.uuid(),
  u: z.uuid(),
  a: z.string().regex(/^[0-9a-f]{64}$/),
  /** The lock this link ends (`RateLimiter.accountUnlock`): one link per lock, good once. */
  l: z.uuid(),
});
export type UnlockClaims = z.infer<typeof UnlockPayload>;

const kindOf = <P extends object>(kind: string, schema: z.ZodType<P>): SignedTokenKind<P> => ({
  kind,
  parse: (payload) => {
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  },
});

/**
 * A browser or API client that has signed in successfully to an account: proof of that lets the
 * right password through while the account is locked against guessing (login-throttle.ts).
 */
const DEVICE = kindOf("dt1", DevicePayload);
/** The link mailed to an account's owner when it locks. */
const UNLOCK = kindOf("ul1", UnlockPayload);

export function issueDeviceToken(secret: string, claims: DeviceClaims, now = Date.now()): Promise<string> {
  return signToken(secret, DEVICE, claims, new Date(now + DEVICE_TOKEN_TTL_SECONDS * 1000));
}

export function readDeviceToken(secret: string, token: string): Promise<DeviceClaims | undefined> {
  return verifyToken(secret, DEVICE, token);
}

export function issueUnlockToken(secret: string, claims: UnlockClaims, now = Date.now()): Promise<string> {
  return signToken(secret, UNLOCK, claims, new Date(now + UNLOCK_TOKEN_TTL_SECONDS * 1000));
}

export function readUnlockToken(secret: string, token: string, now = Date.now()): Promise<UnlockClaims | undefined> {
  return verifyToken(secret, UNLOCK, token, now);
}
