import { devices } from "../../db/schema";
import { assertConnectorUsable } from "../connectors/internal";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { type DeviceView, toDeviceView } from "./internal";
import type { CreateDeviceInput } from "./schemas";
import { encryptPassword } from "./secrets";

/** Registers a device; status starts `unknown` until its connector's first probe. */
export async function createDevice(ctx: ServiceContext, input: CreateDeviceInput): Promise<DeviceView> {
  requirePermission(ctx, "devices:write");
  const tenantId = ctx.tenant.id;
  const passwordEnc = input.password ? await encryptPassword(ctx, input.password) : null;
  return withTenantTx(ctx, async (tx, txCtx) => {
    if (input.connectorId) await assertConnectorUsable(tx, tenantId, input.connectorId);
    const [row] = await tx
      .insert(devices)
      .values({
        tenantId,
        name: input.name,
        type: input.type,
        ipAddress: input.ipAddress,
        port: input.port,
        username: input.username ?? null,
        passwordEnc,
        location: input.location ?? null,
        connectorId: input.connectorId ?? null,
      })
      .returning();
    if (!row) throw new Error("insert returned no device");
    const view = toDeviceView(row);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "create",
      entityType: "device",
      entityId: row.id,
      changes: view,
    });
    return view;
  });
}
