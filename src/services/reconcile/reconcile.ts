import { and, eq, isNull, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { customers } from "../../db/schema";
import type { SecretBox } from "../../lib/secrets";
import type { ConnectorGatewayClient, NewCommand } from "../connectors/gateway";
import { askRouter, requireAnswer, routerLink } from "../connectors/router-ops";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { loadPlans } from "../provisioning/load";
import { planProfile, planProfileName } from "../provisioning/profile";
import { CUSTOMER_VERSION } from "../provisioning/report";
import { type Desired, type Drift, diffRouter, fixOps, idleProfiles } from "./diff";

/** Suspended customers whose sessions are looked up one by one; beyond it the check is skipped (and said so). */
const MAX_SESSION_CHECKS = 100;

export interface ReconcileReport {
  routerId: string;
  dryRun: boolean;
  checkedAt: string;
  summary: { secretsExpected: number; secretsFound: number; profilesExpected: number; drift: number };
  drift: Drift[];
  /** Without dry run: fix commands handed to the connector's outbox. */
  enqueued: number | null;
  notes: string[];
}

/** What the database says the router must hold: live, non-terminated customers on it and their plans' profiles. */
export async function desiredState(tx: Tx, tenantId: string, routerId: string, secrets: SecretBox): Promise<Desired> {
  const rows = await tx
    .select({ c: customers, version: CUSTOMER_VERSION })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.routerId, routerId),
        isNull(customers.deletedAt),
        ne(customers.status, "terminated"),
      ),
    );
  const planIds = [...new Set(rows.map(({ c }) => c.effectivePlanId ?? c.servicePlanId))];
  const plans = await loadPlans(tx, tenantId, planIds);
  const profiles = [...plans.values()].flatMap((p) => {
    const r = planProfile(p);
    return r.ok ? [r.args] : [];
  });
  const desired: Desired = { secrets: [], profiles };
  for (const { c, version } of rows) {
    if (!c.pppoeUsername || !c.pppoePasswordEnc) continue;
    desired.secrets.push({
      customerId: c.id,
      version,
      name: c.pppoeUsername,
      password: await secrets.decrypt(c.pppoePasswordEnc),
      profile: planProfileName(c.effectivePlanId ?? c.servicePlanId),
      disabled: c.status === "suspended",
    });
  }
  return desired;
}

/**
 * Compares a router with the database (secrets present, enabled or disabled, on the right profile,
 * with the stored password; orphans carrying our comment tag; profiles' rate limits; suspended
 * customers still online) and,
 * unless `dryRun`, queues the ops that fix the drift in the connector's outbox.
 */
export async function reconcileRouter(
  ctx: ServiceContext,
  gateway: ConnectorGatewayClient,
  routerId: string,
  opts: { dryRun: boolean; now?: Date },
): Promise<ReconcileReport> {
  requirePermission(ctx, "routers:write");
  const secrets = ctx.secrets;
  if (!secrets) throw new Error("secret box missing from the service context");
  const now = opts.now ?? new Date();
  const { link, desired } = await withTenantTx(ctx, async (tx) => ({
    link: await routerLink(tx, ctx.tenant.id, routerId),
    desired: await desiredState(tx, ctx.tenant.id, routerId, secrets),
  }));
  const actual = requireAnswer(
    await askRouter(gateway, link, { op: "listManaged", args: {} }, 30_000),
    `Router ${link.router.name}`,
  );
  const notes: string[] = [];
  const suspended = desired.secrets.filter((s) => s.disabled);
  const online = new Set<string>();
  if (suspended.length > MAX_SESSION_CHECKS)
    notes.push(`sessions of ${suspended.length} suspended customers not checked`);
  else {
    for (const s of suspended) {
      const answer = await askRouter(gateway, link, { op: "getSession", args: { name: s.name } });
      if (answer.ok && answer.data.session) online.add(s.name);
    }
  }
  const drift = diffRouter(desired, actual, online);
  const idle = idleProfiles(desired, actual);
  if (idle.length > 0) notes.push(`${idle.length} managed profile(s) unused on this router, kept: ${idle.join(", ")}`);
  const unread = actual.secrets.filter((s) => s.password === undefined).length;
  if (unread > 0) {
    notes.push(
      `passwords of ${unread} secret(s) not compared: the router does not show them to this API user (needs the "sensitive" policy)`,
    );
  }
  let enqueued: number | null = null;
  if (!opts.dryRun) {
    const key = `reconcile:${now.getTime().toString(36)}:${routerId}`;
    const commands: NewCommand[] = fixOps(drift, desired).map((f, i) => ({
      ...f.op,
      routerId,
      idempotencyKey: `${key}:${i}`,
      ...(f.customer ? { subject: f.customer.id, version: f.customer.version } : {}),
      ...(f.kickOnChange ? { kickOnChange: true } : {}),
    }));
    enqueued = commands.length
      ? (await gateway.enqueue(link.connectorId, { tenantId: ctx.tenant.id, commands })).accepted
      : 0;
  }
  return {
    routerId,
    dryRun: opts.dryRun,
    checkedAt: now.toISOString(),
    summary: {
      secretsExpected: desired.secrets.length,
      secretsFound: actual.secrets.length,
      profilesExpected: desired.profiles.length,
      drift: drift.length,
    },
    drift,
    enqueued,
    notes,
  };
}
