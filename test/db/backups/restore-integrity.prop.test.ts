import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { restoreBackup } from "../../../src/services/backups/restore";
import { runTenantBackup } from "../../../src/services/backups/run";
import { BackupCorruptError } from "../../../src/services/backups/verify";
import type { ServiceContext } from "../../../src/services/context";
import { type BackupView, bucket, fingerprint, testBackupDeps } from "../../routes/backups/fixtures";
import { seedVariety } from "../../routes/backups/seed-variety";
import { testDb } from "../../support/db";
import { createTestTenant } from "../../support/harness";
import { staffContext } from "../../support/network-seed";
import { seedTenantRows } from "../../support/seed-rows";

let system: DbHandle;
let app: DbHandle;
/** The admin's service context on the row-level-security handle (the service the route calls). */
let ctx: ServiceContext;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let backup: BackupView;
let objectKey: string;
let original: Uint8Array;
let metadata: Record<string, string>;
/** Another genuine backup of the same tenant: valid bytes, wrong object. */
let sibling: Uint8Array;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await createTestTenant({ keep: true });
  await seedVariety(system.db, tenant.id);
  await seedTenantRows(
    system.db,
    tenant.id,
    { plans: 1, customersPerPlan: 3, items: 1, ticketsPerCustomer: 1, audits: 1 },
    "p56",
  );
  const info = {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timezone: "Asia/Jakarta",
    locale: "id",
    isActive: true,
  };
  ctx = staffContext(info, app.db, tenant.users.admin.id);
  const other = await runTenantBackup(ctx, testBackupDeps());
  backup = await runTenantBackup(ctx, testBackupDeps());
  objectKey = `tenants/${tenant.id}/${backup.id}.bin`;
  const stored = await bucket().get(objectKey);
  original = new Uint8Array(await (stored as R2ObjectBody).arrayBuffer());
  metadata = stored?.customMetadata ?? {};
  const siblingObject = await bucket().get(`tenants/${tenant.id}/${other.id}.bin`);
  sibling = new Uint8Array(await (siblingObject as R2ObjectBody).arrayBuffer());
});

afterAll(async () => {
  await tenant.remove();
  await Promise.all([system.close(), app.close()]);
});

type Tamper =
  | { kind: "flip"; at: number; mask: number }
  | { kind: "truncate"; keep: number }
  | { kind: "append"; extra: number[] }
  | { kind: "sibling" }
  | { kind: "missing" };

const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("truncate" as const), keep: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("append" as const),
      extra: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom({ kind: "sibling" as const }, { kind: "missing" as const }) },
);

function apply(t: Tamper): Uint8Array | null {
  switch (t.kind) {
    case "flip": {
      const out = original.slice();
      const at = t.at % out.length;
      out[at] = (out[at] as number) ^ t.mask;
      return out;
    }
    case "truncate":
      return original.slice(0, t.keep % original.length);
    case "append":
      return new Uint8Array([...original, ...t.extra]);
    case "sibling":
      return sibling;
    case "missing":
      return null;
  }
}

describe("restore integrity, end to end", () => {
  // Property 56: Backup Integrity Validation
  test.prop([tamper], { numRuns: 100 })(
    "a tampered, truncated, extended, swapped or missing backup object is rejected and no row changes",
    async (t) => {
      const before = await fingerprint(system.db, tenant.id);
      const altered = apply(t);
      if (altered) await bucket().put(objectKey, altered, { customMetadata: metadata });
      else await bucket().delete(objectKey);
      try {
        await expect(restoreBackup(ctx, testBackupDeps(), backup.id)).rejects.toBeInstanceOf(BackupCorruptError);
        const after = await fingerprint(system.db, tenant.id);
        // Only the outbox's delivery stamp may move (the hub marks earlier events published).
        expect({ ...after, domain_events: "" }).toEqual({ ...before, domain_events: "" });
      } finally {
        await bucket().put(objectKey, original, { customMetadata: metadata });
      }
    },
  );

  it("the untouched object still restores (the property above can fail)", async () => {
    const result = await restoreBackup(ctx, testBackupDeps(), backup.id);
    expect(result.rowCounts).toMatchObject({ customers: 4, users: 5 });
  });
});
