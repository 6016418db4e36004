import { type ServiceContext, withTenantTx } from "../context";
import { recordRouterObservations } from "../monitoring/router-status";
import { requirePermission } from "../permissions";
import type { ConnectorGatewayClient } from "./gateway";
import { askRouter, routerLink } from "./router-ops";

export interface RouterTestResult {
  routerId: string;
  /** The connector reached the router's API port and got an answer. */
  reachable: boolean;
  /** The router accepted our API user and password. */
  credentialsOk: boolean;
  identity: string | null;
  routerosVersion: string | null;
  boardName: string | null;
  uptimeSeconds: number | null;
  cpuLoad: number | null;
  /** Why not, when `reachable` or `credentialsOk` is false. */
  error: { code: string; message: string } | null;
  testedAt: string;
}

/** Codes that mean the API answered (so the router is up) but refused or failed the request. */
const ANSWERED = new Set(["auth", "trap", "not_found"]);

/**
 * Tests a router through its connector: reachability, API login, RouterOS version and identity.
 * The outcome also updates the router's status (Property 24: unreachable → `offline`, `last_seen`
 * kept), as any other observation would. 503 when the connector itself is away.
 */
export async function testRouterConnection(
  ctx: ServiceContext,
  gateway: ConnectorGatewayClient,
  routerId: string,
  now = new Date(),
): Promise<RouterTestResult> {
  requirePermission(ctx, "routers:write");
  const link = await withTenantTx(ctx, (tx) => routerLink(tx, ctx.tenant.id, routerId));
  const answer = await askRouter(gateway, link, { op: "testRouter", args: {} }, 15_000);
  const base = { routerId, testedAt: now.toISOString() };
  const observe = (reachable: boolean, version?: string) =>
    recordRouterObservations(ctx, link.connectorId, [
      { routerId, reachable, at: now, ...(version ? { version } : {}) },
    ]);
  if (answer.ok) {
    const d = answer.data;
    await observe(true, d.version);
    return {
      ...base,
      reachable: true,
      credentialsOk: true,
      identity: d.identity,
      routerosVersion: d.version,
      boardName: d.boardName ?? null,
      uptimeSeconds: d.uptimeSeconds,
      cpuLoad: d.cpuLoad,
      error: null,
    };
  }
  const reachable = ANSWERED.has(answer.error.code);
  await observe(reachable);
  return {
    ...base,
    reachable,
    credentialsOk: false,
    identity: null,
    routerosVersion: null,
    boardName: null,
    uptimeSeconds: null,
    cpuLoad: null,
    error: { code: answer.error.code, message: answer.error.message },
  };
}
