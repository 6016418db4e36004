import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type Device, devices } from "../../db/schema";
import { NotFoundError } from "../errors";

/** Fetch-or-throw: 404 for an unknown id and for another tenant's id alike. */
export async function getDeviceInTenant(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<Device> {
  const query = db
    .select()
    .from(devices)
    .where(and(eq(devices.tenantId, tenantId), eq(devices.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("device", id);
  return row;
}

/** The device as the API shows it: the password only as `hasPassword` (Property 23). */
export function toDeviceView(d: Device) {
  return {
    id: d.id,
    name: d.name,
    type: d.type,
    ipAddress: d.ipAddress,
    port: d.port,
    username: d.username,
    hasPassword: d.passwordEnc !== null,
    location: d.location,
    connectorId: d.connectorId,
    status: d.status,
    lastSeen: d.lastSeen?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
export type DeviceView = ReturnType<typeof toDeviceView>;
