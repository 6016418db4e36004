import { sql } from "drizzle-orm";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";

/** A customer counts as online when a sample of theirs arrived this recently. */
const ONLINE_WINDOW_MS = 5 * 60_000;

type Counts = Record<string, number>;

export interface NetworkOverview {
  customers: { total: number; active: number; suspended: number; terminated: number; online: number };
  /** Sum of the active customers' enforced plans (the boost plan during a boost): Property 38. */
  allocatedBandwidth: { downloadMbps: number; uploadMbps: number };
  /** Latest rates of the customers online now. */
  throughput: { downloadBps: number; uploadBps: number };
  usage24h: { downloadBytes: number; uploadBytes: number };
  routers: { total: number; online: number; offline: number; unknown: number };
  devices: { total: number; online: number; offline: number; unknown: number };
  connectors: { total: number; online: number; offline: number; pending: number };
  openAlerts: number;
  generatedAt: string;
}

const n = (v: unknown) => Number(v ?? 0);

/** The tenant's network at a glance. */
export async function getNetworkOverview(ctx: ServiceContext, now = new Date()): Promise<NetworkOverview> {
  requirePermission(ctx, "monitoring:read");
  const t = ctx.tenant.id;
  const onlineSince = new Date(now.getTime() - ONLINE_WINDOW_MS).toISOString();
  const daySince = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  return withTenantTx(ctx, async (tx) => {
    const [c] = (
      await tx.execute<Counts>(sql`
        select count(*) as total,
               count(*) filter (where c.status = 'active') as active,
               count(*) filter (where c.status = 'suspended') as suspended,
               count(*) filter (where c.status = 'terminated') as terminated,
               coalesce(sum(p.speed_download_mbps) filter (where c.status = 'active'), 0) as down,
               coalesce(sum(p.speed_upload_mbps) filter (where c.status = 'active'), 0) as up
          from customers c join service_plans p on p.id = coalesce(c.effective_plan_id, c.service_plan_id)
         where c.tenant_id = ${t} and c.deleted_at is null`)
    ).rows;
    const [live] = (
      await tx.execute<Counts>(sql`
        select count(*) as online, coalesce(sum(rx), 0) as rx, coalesce(sum(tx), 0) as tx from (
          select distinct on (customer_id) rx_rate_bps as rx, tx_rate_bps as tx
            from monitoring_samples
           where tenant_id = ${t} and ts >= ${onlineSince}::timestamptz and customer_id is not null
           order by customer_id, ts desc) s`)
    ).rows;
    const [usage] = (
      await tx.execute<Counts>(sql`
        select coalesce(sum(rx_bytes), 0) as rx, coalesce(sum(tx_bytes), 0) as tx from monitoring_samples
         where tenant_id = ${t} and ts >= ${daySince}::timestamptz`)
    ).rows;
    const statusCounts = async (table: "mikrotik_routers" | "devices" | "connectors") =>
      Object.fromEntries(
        (
          await tx.execute<{ status: string; n: number }>(
            sql`select status, count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${t} group by status`,
          )
        ).rows.map((r) => [r.status, n(r.n)]),
      );
    const routers = await statusCounts("mikrotik_routers");
    const devices = await statusCounts("devices");
    const connectors = await statusCounts("connectors");
    const [alerts] = (
      await tx.execute<Counts>(sql`select count(*) as n from alerts where tenant_id = ${t} and status <> 'resolved'`)
    ).rows;
    const sum = (o: Counts) => Object.values(o).reduce((a, b) => a + b, 0);
    return {
      customers: {
        total: n(c?.total),
        active: n(c?.active),
        suspended: n(c?.suspended),
        terminated: n(c?.terminated),
        online: n(live?.online),
      },
      allocatedBandwidth: { downloadMbps: n(c?.down), uploadMbps: n(c?.up) },
      throughput: { downloadBps: n(live?.rx), uploadBps: n(live?.tx) },
      usage24h: { downloadBytes: n(usage?.rx), uploadBytes: n(usage?.tx) },
      routers: {
        total: sum(routers),
        online: n(routers.online),
        offline: n(routers.offline),
        unknown: n(routers.unknown),
      },
      devices: {
        total: sum(devices),
        online: n(devices.online),
        offline: n(devices.offline),
        unknown: n(devices.unknown),
      },
      connectors: {
        total: sum(connectors),
        online: n(connectors.online),
        offline: n(connectors.offline),
        pending: n(connectors.pending),
      },
      openAlerts: n(alerts?.n),
      generatedAt: now.toISOString(),
    };
  });
}
