import { fc, test } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditLogs, DEVICE_STATUSES, DEVICE_TYPES, devices, domainEvents } from "../../../src/db/schema";
import { CreateDeviceBody } from "../../../src/routes/devices/schema";
import { createDevice } from "../../../src/services/devices/create";
import { listDevices } from "../../../src/services/devices/list";
import { updateDevice } from "../../../src/services/devices/update";
import { useAdminTenant } from "../../support/admin-tenant";
import { testSecrets } from "../../support/network-seed";

const fx = useAdminTenant();
const ctx = () => fx.ctx();
/** A password with a random marker, so finding it anywhere cannot be a coincidence. */
const password = fc
  .tuple(fc.string({ minLength: 0, maxLength: 60 }), fc.stringMatching(/^[A-Za-z0-9]{12}$/))
  .map(([s, marker]) => `${s}${marker}`);

async function rowsMentioning(entityId: string) {
  const audits = await fx.system.db.select().from(auditLogs).where(eq(auditLogs.entityId, entityId));
  const events = await fx.system.db.select().from(domainEvents).where(eq(domainEvents.entityId, entityId));
  return JSON.stringify([audits, events]);
}

describe("devices", () => {
  // Property 23: Credential Encryption
  test.prop([password, password], { numRuns: 100 })(
    "a device password is stored encrypted, returned only as hasPassword, kept out of audit and events",
    async (first, second) => {
      const created = await createDevice(ctx(), {
        name: "AP",
        type: "ap",
        ipAddress: "10.0.0.1",
        port: 8728,
        password: first,
      });
      const updated = await updateDevice(ctx(), created.id, { password: second });
      for (const [view, pw] of [
        [created, first],
        [updated, second],
      ] as const) {
        expect(view.hasPassword).toBe(true);
        expect(JSON.stringify(view)).not.toContain(JSON.stringify(pw).slice(1, -1));
      }
      const [row] = await fx.system.db.select().from(devices).where(eq(devices.id, created.id));
      const stored = row?.passwordEnc as string;
      expect(stored).not.toContain(second);
      expect(await testSecrets().decrypt(stored)).toBe(second);
      const trail = await rowsMentioning(created.id);
      for (const pw of [first, second]) expect(trail).not.toContain(JSON.stringify(pw).slice(1, -1));
    },
  );

  // Property 9: Required Field Validation
  test.prop([fc.subarray(["name", "type", "ipAddress"] as const, { minLength: 1 })], { numRuns: 100 })(
    "a device body missing any required field is rejected, naming the field",
    (missing) => {
      const body: Record<string, unknown> = { name: "OLT", type: "olt", ipAddress: "10.0.0.1", port: 8728 };
      for (const k of missing) delete body[k];
      const parsed = CreateDeviceBody.safeParse(body);
      expect(parsed.success).toBe(false);
      const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
      for (const k of missing) expect(paths).toContain(k);
    },
  );

  const deviceSpec = fc.record({
    type: fc.constantFrom(...DEVICE_TYPES),
    status: fc.constantFrom(...DEVICE_STATUSES),
    named: fc.boolean(),
  });

  // Property 12: Filter Result Accuracy
  test.prop(
    [
      fc.array(deviceSpec, { minLength: 0, maxLength: 6 }),
      fc.option(fc.constantFrom(...DEVICE_TYPES), { nil: undefined }),
      fc.option(fc.constantFrom(...DEVICE_STATUSES), { nil: undefined }),
    ],
    { numRuns: 100 },
  )("listing with type/status filters returns exactly the matching devices", async (specs, type, status) => {
    const tag = `t${crypto.randomUUID().slice(0, 8)}`;
    if (specs.length > 0) {
      await fx.system.db.insert(devices).values(
        specs.map((s, i) => ({
          tenantId: fx.tenant.id,
          name: s.named ? `${tag} dev ${i}` : `other ${i}`,
          location: s.named ? null : `Jl. ${tag}`,
          type: s.type,
          status: s.status,
          ipAddress: `10.0.0.${i + 1}`,
        })),
      );
    }
    const page = await listDevices(ctx(), { page: 1, limit: 100, search: tag, type, status });
    const expected = specs.filter((s) => (!type || s.type === type) && (!status || s.status === status)).length;
    expect(page.meta.total).toBe(expected);
    expect(page.data).toHaveLength(expected);
    for (const d of page.data) {
      if (type) expect(d.type).toBe(type);
      if (status) expect(d.status).toBe(status);
      expect(`${d.name} ${d.location}`).toContain(tag);
    }
  });
});
