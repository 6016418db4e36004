import { and, eq } from "drizzle-orm";
import { devices } from "../../db/schema";
import { diff } from "../audit/record";
import { assertConnectorUsable } from "../connectors/internal";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { assertSecretResupplied } from "../secret-destination";
import { type DeviceView, getDeviceInTenant, toDeviceView } from "./internal";
import type { UpdateDeviceInput } from "./schemas";
import { changesWithSecret, encryptPassword } from "./secrets";

/**
 * The stored password is the login of the equipment at this address and port, reached through this
 * connector. Nothing sends it anywhere today, but a change of where it belongs needs it again
 * (secret-destination.ts), as for routers, so no later use of it inherits a way to redirect it.
 */
const PASSWORD_DESTINATION = ["ipAddress", "port", "connectorId"] as const;

/**
 * Changes what was sent. `status`/`lastSeen` are not writable here: they belong to device probing
 * (schema/devices.ts). A new address, port or connector is probed from the next round on (the
 * connector's config follows the event); until then the status is the last probe's. A password is always re-encrypted when sent (we cannot tell whether it is the
 * same one), so sending one always counts as a change. A new address, port or connector for a
 * stored password needs the password in the same request (400 naming `password`).
 */
export async function updateDevice(ctx: ServiceContext, id: string, input: UpdateDeviceInput): Promise<DeviceView> {
  requirePermission(ctx, "devices:write");
  const tenantId = ctx.tenant.id;
  const { password, ...fields } = input;
  const passwordEnc = password ? await encryptPassword(ctx, password) : password;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getDeviceInTenant(tx, tenantId, id, true);
    const fieldChanges = diff(before, fields);
    assertSecretResupplied({
      changes: fieldChanges,
      destination: PASSWORD_DESTINATION,
      secretField: "password",
      secretSent: password !== undefined,
      secretStored: before.passwordEnc !== null,
    });
    const secretChanged = password !== undefined && !(password === null && before.passwordEnc === null);
    if (Object.keys(fieldChanges).length === 0 && !secretChanged) return toDeviceView(before);
    if (fieldChanges.connectorId && fields.connectorId) await assertConnectorUsable(tx, tenantId, fields.connectorId);
    const [after] = await tx
      .update(devices)
      .set({ ...fields, ...(passwordEnc === undefined ? {} : { passwordEnc }), updatedAt: new Date() })
      .where(and(eq(devices.tenantId, tenantId), eq(devices.id, id)))
      .returning();
    if (!after) throw new Error("update returned no device");
    await recordChange(tx, txCtx, {
      tenantId,
      action: "update",
      entityType: "device",
      entityId: id,
      changes: changesWithSecret(fieldChanges, secretChanged),
    });
    return toDeviceView(after);
  });
}
