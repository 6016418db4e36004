import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema";
import type { RateLimiterClient } from "../../lib/rate-limit";
import type { JobQueue } from "../../queues/producer";
import { recordAudit } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { queueEmails } from "../email/queue-emails";
import { ConflictError, InvalidInputError } from "../errors";
import { issueUnlockToken, readUnlockToken, UNLOCK_TOKEN_TTL_SECONDS } from "./sign-in-tokens";

export interface NewLock {
  email: string;
  /** The account hash (tenant + email) and the lock's id, from the RateLimiter. */
  account: string;
  unlockId: string;
}

/**
 * An account just locked: its owner, if the email is an active user's, gets one email (keyed by the
 * lock, so a retry sends no second one) with a single-use link that ends this lock. An unknown
 * email gets nothing (and the caller runs this after answering, so timing tells nothing either).
 */
export async function mailUnlockLink(
  ctx: ServiceContext,
  deps: { queue: JobQueue; secret: string; unlockUrl: string },
  lock: NewLock,
): Promise<boolean> {
  const email = lock.email.trim().toLowerCase();
  const [user] = await withTenantTx(ctx, (tx) =>
    tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.tenantId, ctx.tenant.id), eq(users.email, email), eq(users.isActive, true)))
      .limit(1),
  );
  if (!user) return false;
  const token = await issueUnlockToken(deps.secret, {
    t: ctx.tenant.id,
    u: user.id,
    a: lock.account,
    l: lock.unlockId,
  });
  const url = new URL(deps.unlockUrl);
  url.searchParams.set("token", token);
  await queueEmails(ctx, deps.queue, [
    {
      template: "account_locked",
      to: user.email,
      key: `account-locked:${lock.unlockId}`,
      data: {
        name: user.name,
        email: user.email,
        unlockUrl: url.toString(),
        validMinutes: UNLOCK_TOKEN_TTL_SECONDS / 60,
      },
    },
  ]);
  return true;
}

/** The tenant an unlock token names (checked against the request's tenant by the caller). */
export async function unlockTokenTenant(secret: string, token: string): Promise<string> {
  const claims = await readUnlockToken(secret, token);
  if (!claims) throw new InvalidInputError("Invalid or expired unlock link", "token");
  return claims.t;
}

/**
 * Ends the lock the link was sent for, once: a second use, or a link of a lock that has ended or
 * been replaced by a newer one, is a 409. Audited as the account's own action.
 */
export async function unlockAccount(
  ctx: ServiceContext,
  deps: { limiter: RateLimiterClient; secret: string },
  token: string,
): Promise<void> {
  const claims = await readUnlockToken(deps.secret, token);
  if (!claims || claims.t !== ctx.tenant.id) throw new InvalidInputError("Invalid or expired unlock link", "token");
  if (!(await deps.limiter.accountUnlock(claims.a, claims.l))) {
    throw new ConflictError("This unlock link was already used, or the lock it was sent for has ended");
  }
  await withTenantTx(ctx, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.id, claims.u))
      .limit(1);
    if (!user) return;
    await recordAudit(
      tx,
      { ...ctx, actor: { type: "user", userId: user.id, role: user.role } },
      { tenantId: ctx.tenant.id, action: "unlock", entityType: "user", entityId: user.id },
    );
  });
}
