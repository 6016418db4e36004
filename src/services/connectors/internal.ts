import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type Connector, connectors, mikrotikRouters } from "../../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";

/** Fetch-or-throw: 404 for an unknown id and for another tenant's id alike. */
export async function getConnectorInTenant(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<Connector> {
  const query = db
    .select()
    .from(connectors)
    .where(and(eq(connectors.tenantId, tenantId), eq(connectors.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("connector", id);
  return row;
}

/**
 * 400 unless the connector is one of the tenant's and not revoked (a revoked connector will never
 * connect again), for the routers and devices that name it. `no key update` keeps it from being
 * deleted until we commit.
 */
export async function assertConnectorUsable(db: DbOrTx, tenantId: string, connectorId: string) {
  const [row] = await db
    .select({ id: connectors.id })
    .from(connectors)
    .where(and(eq(connectors.tenantId, tenantId), eq(connectors.id, connectorId), isNull(connectors.revokedAt)))
    .limit(1)
    .for("no key update");
  if (!row) throw new InvalidInputError(`Connector ${connectorId} does not exist`, "connectorId");
}

export interface RouterCounts {
  total: number;
  online: number;
}

/** Routers behind each connector and how many of them answered lately, for list and get. */
export async function routerCounts(db: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, RouterCounts>> {
  const out = new Map<string, RouterCounts>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      connectorId: mikrotikRouters.connectorId,
      total: sql<number>`count(*)::int`,
      online: sql<number>`(count(*) filter (where ${mikrotikRouters.status} = 'online'))::int`,
    })
    .from(mikrotikRouters)
    .where(and(eq(mikrotikRouters.tenantId, tenantId), inArray(mikrotikRouters.connectorId, ids)))
    .groupBy(mikrotikRouters.connectorId);
  for (const r of rows) if (r.connectorId) out.set(r.connectorId, { total: r.total, online: r.online });
  return out;
}

/** The connector as the API shows it: never a token or a hash. */
export function toConnectorView(c: Connector, routers: RouterCounts = { total: 0, online: 0 }) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    revoked: c.revokedAt !== null,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    /** Set while an enrollment token is outstanding. */
    enrollmentExpiresAt: c.enrollmentExpiresAt?.toISOString() ?? null,
    version: c.version,
    lastSeen: c.lastSeen?.toISOString() ?? null,
    routers: { total: routers.total, reachable: routers.online },
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ConnectorView = ReturnType<typeof toConnectorView>;
