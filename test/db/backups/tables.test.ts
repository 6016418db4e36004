import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { INTO_KEPT, KEPT_LINKS } from "../../../src/services/backups/links";
import { type BackupTable, DERIVED_TABLES, foreignKeyOrder, TENANT_TABLES } from "../../../src/services/backups/tables";
import { testDb } from "../../support/db";

describe("the tables a backup covers", () => {
  it("are exactly the database's tables with tenant rows, the tenant row first", async () => {
    const { db, close } = testDb("system");
    try {
      const res = await db.execute<{ table_name: string }>(sql`
        select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
        where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'`);
      const inDatabase = res.rows
        .map((r) => r.table_name)
        .filter((name) => !DERIVED_TABLES.has(name))
        .sort();
      // A derived table is one a trigger keeps: it exists, and only it is left out.
      expect(res.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([...DERIVED_TABLES]));
      expect(TENANT_TABLES[0]?.name).toBe("tenants");
      expect(
        TENANT_TABLES.slice(1)
          .map((t) => t.name)
          .sort(),
      ).toEqual(inDatabase);
    } finally {
      await close();
    }
  });

  it("come parents first, and no kept table references a replaced one (a restore cannot cascade into it)", () => {
    const position = new Map(TENANT_TABLES.map((t, i) => [t.name, i]));
    for (const t of TENANT_TABLES) {
      for (const parent of t.dependsOn)
        expect(position.get(parent), `${t.name} → ${parent}`).toBeLessThan(position.get(t.name) ?? -1);
      if (t.policy === "keep") {
        // A kept row may only point into a replaced table through ON DELETE SET NULL, which the
        // restore saves and puts back (links.ts): never CASCADE (it would delete kept rows) or RESTRICT.
        for (const ref of t.references.filter(
          (r) => TENANT_TABLES.find((x) => x.name === r.table)?.policy !== "keep",
        )) {
          expect(ref.onDelete, `${t.name}.${ref.column}`).toBe("set null");
          expect(KEPT_LINKS).toContainEqual(expect.objectContaining({ ref }));
        }
      }
    }
    expect(TENANT_TABLES.find((t) => t.name === "audit_logs")?.policy).toBe("keep");
    expect(TENANT_TABLES.find((t) => t.name === "refresh_tokens")?.policy).toBe("clear");
    expect(TENANT_TABLES.find((t) => t.name === "connectors")?.policy).toBe("keep");
    expect(KEPT_LINKS.map((l) => `${l.table.name}.${l.ref.column}`)).toEqual(["jobs.created_by"]);
  });

  it("a restored row links into a kept table only through ON DELETE SET NULL, which a restore applies to links whose target is gone", () => {
    const policy = new Map(TENANT_TABLES.map((t) => [t.name, t.policy]));
    const intoKept = TENANT_TABLES.filter((t) => t.policy === "replace").flatMap((t) =>
      t.references.filter((r) => policy.get(r.table) === "keep").map((ref) => ({ table: t.name, ref })),
    );
    for (const { table, ref } of intoKept) {
      expect(ref.onDelete, `${table}.${ref.column}`).toBe("set null");
      expect(INTO_KEPT.get(table)).toContainEqual(ref);
    }
    expect(intoKept.map((l) => `${l.table}.${l.ref.column} → ${l.ref.table}`).sort()).toEqual([
      "devices.connector_id → connectors",
      "mikrotik_routers.connector_id → connectors",
    ]);
    expect([...INTO_KEPT.values()].flat()).toHaveLength(intoKept.length);
  });

  it("refuses a foreign-key cycle", () => {
    const t = (name: string, dependsOn: string[]): BackupTable => ({
      name,
      tenantColumn: "tenant_id",
      primaryKey: ["id"],
      dependsOn,
      references: [],
      policy: "replace",
    });
    expect(foreignKeyOrder([t("b", ["a"]), t("a", [])]).map((x) => x.name)).toEqual(["a", "b"]);
    expect(() => foreignKeyOrder([t("a", ["b"]), t("b", ["a"])])).toThrow(/cycle/);
  });
});
