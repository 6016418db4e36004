import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES, alerts } from "../../../src/db/schema";
import { listAlerts } from "../../../src/services/alerts/list";
import type { TenantInfo } from "../../../src/services/context";
import { insertTenant, purgeTenant } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { seedUser, staffContext } from "../../support/network-seed";

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;
let userId: string;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db);
  userId = await seedUser(system.db, tenant.id, "viewer");
});
afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

const ENTITY_TYPES = ["device", "router", "infrastructure_item"] as const;
const spec = fc.record({
  type: fc.constantFrom(...ALERT_TYPES),
  severity: fc.constantFrom(...ALERT_SEVERITIES),
  status: fc.constantFrom(...ALERT_STATUSES),
  entityType: fc.constantFrom(...ENTITY_TYPES),
});
const maybe = <T>(xs: readonly T[]) => fc.option(fc.constantFrom(...xs), { nil: undefined });

describe("alerts", () => {
  // Property 12: Filter Result Accuracy
  test.prop(
    [
      fc.array(spec, { maxLength: 6 }),
      maybe(ALERT_TYPES),
      maybe(ALERT_SEVERITIES),
      maybe(ALERT_STATUSES),
      maybe(ENTITY_TYPES),
    ],
    {
      numRuns: 100,
    },
  )(
    "listing with type/severity/status/entity filters returns exactly the matching alerts",
    async (specs, type, severity, status, entityType) => {
      // One run's alerts share a fresh entity id (distinct types keep them apart in the unresolved index).
      const entityId = crypto.randomUUID();
      const rows = specs.map((s, i) => ({ ...s, entityId: `${entityId}-${i}` }));
      if (rows.length > 0) {
        await system.db.insert(alerts).values(rows.map((r) => ({ tenantId: tenant.id, message: "x", ...r })));
      }
      const ctx = staffContext(tenant, app.db, userId, "viewer");
      const seen = [];
      for (const r of rows) {
        const page = await listAlerts(ctx, {
          page: 1,
          limit: 100,
          type,
          severity,
          status,
          entityType,
          entityId: r.entityId,
        });
        seen.push(...page.data);
        const matches =
          (!type || r.type === type) &&
          (!severity || r.severity === severity) &&
          (!status || r.status === status) &&
          (!entityType || r.entityType === entityType);
        expect(page.meta.total).toBe(matches ? 1 : 0);
      }
      for (const a of seen) {
        if (type) expect(a.type).toBe(type);
        if (severity) expect(a.severity).toBe(severity);
        if (status) expect(a.status).toBe(status);
        if (entityType) expect(a.entityType).toBe(entityType);
      }
    },
  );
});
