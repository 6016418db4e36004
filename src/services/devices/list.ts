import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { devices } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type DeviceView, toDeviceView } from "./internal";
import type { ListDevicesQuery } from "./schemas";

/** Devices of the tenant by name (ties by id, so pages are stable). */
export async function listDevices(ctx: ServiceContext, filter: ListDevicesQuery): Promise<Page<DeviceView>> {
  requirePermission(ctx, "devices:read");
  const conds: SQL[] = [eq(devices.tenantId, ctx.tenant.id)];
  if (filter.type) conds.push(eq(devices.type, filter.type));
  if (filter.status) conds.push(eq(devices.status, filter.status));
  if (filter.connectorId) conds.push(eq(devices.connectorId, filter.connectorId));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(ilike(devices.name, pattern), ilike(devices.ipAddress, pattern), ilike(devices.location, pattern));
    if (match) conds.push(match);
  }
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(devices)
      .where(where)
      .orderBy(asc(devices.name), asc(devices.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(devices).where(where);
    return { data: rows.map(toDeviceView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
