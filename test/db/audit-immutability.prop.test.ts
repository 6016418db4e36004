import { fc, test } from "@fast-check/vitest";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLogs } from "../../src/db/schema";
import { testDb } from "../support/db";
import { uniqueSlug } from "../support/harness";
import { insertBareTenant } from "../support/seed-rows";

let system: DbHandle;
let app: DbHandle;
let tenantId: string;
let otherTenantId: string;
let rowIds: string[];

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenantId = await insertBareTenant(system.db, uniqueSlug("audit-imm"));
  otherTenantId = await insertBareTenant(system.db, uniqueSlug("audit-imm-b"));
  const rows = await system.db
    .insert(auditLogs)
    .values(
      Array.from({ length: 5 }, (_, i) => ({
        tenantId,
        userId: crypto.randomUUID(),
        actorType: "user" as const,
        action: "update",
        entityType: "customer",
        entityId: `c-${i}`,
        changes: { name: { old: "a", new: "b" } },
        ipAddress: "203.0.113.1",
      })),
    )
    .returning({ id: auditLogs.id });
  rowIds = rows.map((r) => r.id);
});

afterAll(async () => {
  for (const id of [tenantId, otherTenantId]) {
    await system.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.purge_tenant', ${id}, true)`);
      await tx.execute(sql`delete from tenants where id = ${id}`);
    });
  }
  await Promise.all([system.close(), app.close()]);
});

type Attempt = "update-changes" | "update-actor" | "update-time" | "delete" | "delete-other-purge" | "truncate";
const attempts: Attempt[] = [
  "update-changes",
  "update-actor",
  "update-time",
  "delete",
  "delete-other-purge",
  "truncate",
];

function statement(kind: Attempt, id: string) {
  switch (kind) {
    case "update-changes":
      return sql`update audit_logs set changes = '{}'::jsonb where id = ${id}`;
    case "update-actor":
      return sql`update audit_logs set user_id = null, ip_address = null where id = ${id}`;
    case "update-time":
      return sql`update audit_logs set created_at = created_at - interval '1 year' where id = ${id}`;
    case "delete":
    case "delete-other-purge":
      return sql`delete from audit_logs where id = ${id}`;
    case "truncate":
      return sql`truncate audit_logs`;
  }
}

describe("audit log immutability (migration 0001 trigger + grants)", () => {
  // Property 47: Audit Log Immutability
  test.prop([fc.constantFrom("app", "system"), fc.constantFrom(...attempts), fc.nat()], { numRuns: 100 })(
    "every UPDATE, DELETE or TRUNCATE of an audit row is rejected, for the app role and the system role alike",
    async (role, kind, pick) => {
      const id = rowIds[pick % rowIds.length] as string;
      const [before] = await system.db.select().from(auditLogs).where(eq(auditLogs.id, id));
      const db = (role === "app" ? app : system).db;
      let error: unknown;
      try {
        await db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
          if (kind === "delete-other-purge") {
            await tx.execute(sql`select set_config('app.purge_tenant', ${otherTenantId}, true)`);
          }
          await tx.execute(statement(kind, id));
        });
      } catch (err) {
        error = err;
      }
      expect(error, `${role} ${kind} was not rejected`).toBeDefined();
      const [after] = await system.db.select().from(auditLogs).where(eq(auditLogs.id, id));
      expect(after).toEqual(before);
    },
  );
});
