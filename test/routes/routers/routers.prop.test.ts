import { fc, test } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect } from "vitest";
import { auditLogs, domainEvents, mikrotikRouters, ROUTER_STATUSES } from "../../../src/db/schema";
import { CreateRouterBody } from "../../../src/routes/routers/schema";
import { createDevice } from "../../../src/services/devices/create";
import { deleteDevice } from "../../../src/services/devices/remove";
import { ConflictError } from "../../../src/services/errors";
import { createMikrotikRouter } from "../../../src/services/routers/create";
import { listMikrotikRouters } from "../../../src/services/routers/list";
import { deleteMikrotikRouter } from "../../../src/services/routers/remove";
import { updateMikrotikRouter } from "../../../src/services/routers/update";
import { useAdminTenant } from "../../support/admin-tenant";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { seedConnector, testSecrets } from "../../support/network-seed";

const fx = useAdminTenant();
let planId: string;
let connectorIds: string[];

beforeAll(async () => {
  planId = (await seedPlan(fx.system.db, fx.tenant.id)).id;
  connectorIds = [await seedConnector(fx.system.db, fx.tenant.id), await seedConnector(fx.system.db, fx.tenant.id)];
});

const ctx = () => fx.ctx();
const uniqueName = () => `RB ${crypto.randomUUID()}`;
const password = fc
  .tuple(fc.string({ minLength: 0, maxLength: 60 }), fc.stringMatching(/^[A-Za-z0-9]{12}$/))
  .map(([s, marker]) => `${s}${marker}`);
const routerInput = (pw = "pw-123456") => ({
  name: uniqueName(),
  host: "10.0.0.1",
  apiPort: 8728,
  username: "api",
  password: pw,
  isActive: true,
});

describe("routers", () => {
  // Property 23: Credential Encryption
  test.prop([password, password], { numRuns: 100 })(
    "a router password is stored encrypted, returned only as hasPassword, kept out of audit and events",
    async (first, second) => {
      const created = await createMikrotikRouter(ctx(), routerInput(first));
      const updated = await updateMikrotikRouter(ctx(), created.id, { password: second });
      for (const [view, pw] of [
        [created, first],
        [updated, second],
      ] as const) {
        expect(view.hasPassword).toBe(true);
        expect(JSON.stringify(view)).not.toContain(JSON.stringify(pw).slice(1, -1));
      }
      const [row] = await fx.system.db.select().from(mikrotikRouters).where(eq(mikrotikRouters.id, created.id));
      expect(row?.passwordEnc).not.toContain(second);
      expect(await testSecrets().decrypt(row?.passwordEnc as string)).toBe(second);
      const audits = await fx.system.db.select().from(auditLogs).where(eq(auditLogs.entityId, created.id));
      const events = await fx.system.db.select().from(domainEvents).where(eq(domainEvents.entityId, created.id));
      const trail = JSON.stringify([audits, events]);
      for (const pw of [first, second]) expect(trail).not.toContain(JSON.stringify(pw).slice(1, -1));
    },
  );

  // Property 17: Referential Integrity on Delete
  test.prop([fc.nat({ max: 2 }), fc.nat({ max: 2 })], { numRuns: 100 })(
    "a router is deleted iff no customer (live or soft-deleted) uses it; a device with no dependents always is",
    async (live, deleted) => {
      const router = await createMikrotikRouter(ctx(), routerInput());
      for (let i = 0; i < live; i++) await seedCustomer(fx.system.db, fx.tenant.id, planId, { routerId: router.id });
      for (let i = 0; i < deleted; i++) {
        await seedCustomer(fx.system.db, fx.tenant.id, planId, { routerId: router.id, deletedAt: new Date() });
      }
      const attempt = deleteMikrotikRouter(ctx(), router.id);
      if (live + deleted > 0) await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      else await attempt;
      const left = await fx.system.db.select().from(mikrotikRouters).where(eq(mikrotikRouters.id, router.id));
      expect(left).toHaveLength(live + deleted > 0 ? 1 : 0);

      const device = await createDevice(ctx(), { name: "AP", type: "ap", ipAddress: "10.0.0.2", port: 8728 });
      await deleteDevice(ctx(), device.id);
    },
  );

  // Property 9: Required Field Validation
  test.prop([fc.subarray(["name", "host", "username", "password"] as const, { minLength: 1 })], { numRuns: 100 })(
    "a router body missing any required field is rejected, naming the field",
    (missing) => {
      const body: Record<string, unknown> = { name: "RB", host: "10.0.0.1", username: "api", password: "pw-123456" };
      for (const k of missing) delete body[k];
      const parsed = CreateRouterBody.safeParse(body);
      expect(parsed.success).toBe(false);
      const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
      for (const k of missing) expect(paths).toContain(k);
    },
  );

  const spec = fc.record({
    status: fc.constantFrom(...ROUTER_STATUSES),
    isActive: fc.boolean(),
    connector: fc.nat({ max: 2 }),
  });

  // Property 12: Filter Result Accuracy
  test.prop(
    [
      fc.array(spec, { maxLength: 6 }),
      fc.option(fc.constantFrom(...ROUTER_STATUSES), { nil: undefined }),
      fc.option(fc.boolean(), { nil: undefined }),
      fc.option(fc.nat({ max: 1 }), { nil: undefined }),
    ],
    { numRuns: 100 },
  )(
    "listing with status/active/connector filters returns exactly the matching routers",
    async (specs, status, active, c) => {
      const tag = `t${crypto.randomUUID().slice(0, 8)}`;
      const connectorOf = (i: number) => (i < 2 ? (connectorIds[i] as string) : null);
      if (specs.length > 0) {
        await fx.system.db.insert(mikrotikRouters).values(
          specs.map((s, i) => ({
            tenantId: fx.tenant.id,
            name: `${tag} ${i}`,
            host: `${tag}.example`,
            username: "api",
            passwordEnc: "x",
            status: s.status,
            isActive: s.isActive,
            connectorId: connectorOf(s.connector),
          })),
        );
      }
      const connectorId = c === undefined ? undefined : (connectorOf(c) ?? undefined);
      const page = await listMikrotikRouters(ctx(), { page: 1, limit: 100, search: tag, status, active, connectorId });
      const matches = specs.filter(
        (s) =>
          (!status || s.status === status) &&
          (active === undefined || s.isActive === active) &&
          (!connectorId || connectorOf(s.connector) === connectorId),
      );
      expect(page.meta.total).toBe(matches.length);
      for (const r of page.data) {
        if (status) expect(r.status).toBe(status);
        if (active !== undefined) expect(r.isActive).toBe(active);
        if (connectorId) expect(r.connectorId).toBe(connectorId);
      }
    },
  );
});
