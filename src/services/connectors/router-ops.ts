import type { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { type Op, OpResultSchemas, type ResultError } from "../../protocol";
import { ConflictError, UnavailableError } from "../errors";
import { getRouterInTenant } from "../routers/internal";
import type { ConnectorGatewayClient, RequestOutcome } from "./gateway";

/** A router the cloud can talk to right now: it has a connector. 409 otherwise. */
export async function routerLink(db: DbOrTx, tenantId: string, routerId: string) {
  const router = await getRouterInTenant(db, tenantId, routerId);
  if (!router.connectorId) throw new ConflictError(`Router ${router.name} has no connector`);
  return { router, connectorId: router.connectorId };
}

export type RouterAnswer<T> = { ok: true; data: T } | { ok: false; error: ResultError };

/**
 * One synchronous op through the router's connector. The connector being away or silent is a 503
 * (the client may retry); what the router answered — data or its error — is the caller's to read.
 */
export async function askRouter<N extends keyof typeof OpResultSchemas>(
  gateway: ConnectorGatewayClient,
  link: { connectorId: string; router: { id: string; name: string } },
  op: Extract<Op, { op: N }>,
  timeoutMs = 10_000,
): Promise<RouterAnswer<z.infer<(typeof OpResultSchemas)[N]>>> {
  const outcome: RequestOutcome = await gateway.request(link.connectorId, link.router.id, op, timeoutMs);
  switch (outcome.kind) {
    case "offline":
      throw new UnavailableError(`The connector of router ${link.router.name} is offline`);
    case "timeout":
      throw new UnavailableError(`The connector did not answer within ${timeoutMs / 1000} s`);
    case "error":
      if (outcome.error.code === "unknown_router") {
        throw new UnavailableError(`The connector has not received router ${link.router.name} yet; try again`);
      }
      return { ok: false, error: outcome.error };
    case "ok": {
      const schema = OpResultSchemas[op.op] as unknown as z.ZodType<z.infer<(typeof OpResultSchemas)[N]>>;
      const parsed = schema.safeParse(outcome.data);
      if (!parsed.success) throw new UnavailableError(`The connector answered ${op.op} with unexpected data`);
      return { ok: true, data: parsed.data };
    }
  }
}

/** A router error as a 503 for callers that need data (a session lookup cannot answer "unreachable"). */
export function requireAnswer<T>(answer: RouterAnswer<T>, what: string): T {
  if (answer.ok) return answer.data;
  throw new UnavailableError(`${what}: ${answer.error.code}: ${answer.error.message}`);
}
