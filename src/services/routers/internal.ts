import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type MikrotikRouter, mikrotikRouters } from "../../db/schema";
import { DuplicateError, NotFoundError } from "../errors";

/** Fetch-or-throw: 404 for an unknown id and for another tenant's id alike. */
export async function getRouterInTenant(
  db: DbOrTx,
  tenantId: string,
  id: string,
  lock = false,
): Promise<MikrotikRouter> {
  const query = db
    .select()
    .from(mikrotikRouters)
    .where(and(eq(mikrotikRouters.tenantId, tenantId), eq(mikrotikRouters.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("router", id);
  return row;
}

/** 409 when another router of the tenant has this name (the unique index catches a lost race). */
export async function assertRouterNameFree(db: DbOrTx, tenantId: string, name: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: mikrotikRouters.id })
    .from(mikrotikRouters)
    .where(and(eq(mikrotikRouters.tenantId, tenantId), eq(mikrotikRouters.name, name)))
    .limit(1);
  if (taken && taken.id !== exceptId) throw new DuplicateError("router", "name", name);
}

/** The router as the API shows it: the password only as `hasPassword` (Property 23). */
export function toRouterView(r: MikrotikRouter) {
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    apiPort: r.apiPort,
    apiTls: r.apiTls,
    username: r.username,
    hasPassword: r.passwordEnc.length > 0,
    location: r.location,
    isActive: r.isActive,
    connectorId: r.connectorId,
    status: r.status,
    lastSeen: r.lastSeen?.toISOString() ?? null,
    routerosVersion: r.routerosVersion,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type RouterView = ReturnType<typeof toRouterView>;
