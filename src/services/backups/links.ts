import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { type BackupTable, type Reference, TENANT_TABLES } from "./tables";

const policyOf = new Map(TENANT_TABLES.map((t) => [t.name, t.policy]));

/** A kept row's link into a replaced table, e.g. `jobs.created_by` → `users.id`. */
interface Link {
  table: BackupTable;
  ref: Reference;
}

/** The links a restore must carry over: from kept tables into tables it replaces. */
export const KEPT_LINKS: readonly Link[] = TENANT_TABLES.filter((t) => t.policy === "keep").flatMap((table) =>
  table.references.filter((ref) => policyOf.get(ref.table) !== "keep").map((ref) => ({ table, ref })),
);

const id = (name: string) => sql.identifier(name);

/**
 * Before the replaced rows are deleted (which sets these links to null: every such foreign key is
 * ON DELETE SET NULL, tables.test.ts checks it): each kept row's key and link, as Postgres JSON.
 */
export async function saveLinks(tx: Tx, tenantId: string): Promise<string[]> {
  const saved: string[] = [];
  for (const { table, ref } of KEPT_LINKS) {
    const fields = sql.join(
      [...table.primaryKey, ref.column].map((c) => sql`${c}::text, t.${id(c)}`),
      sql`, `,
    );
    const res = await tx.execute<{ links: string }>(sql`
      select coalesce(jsonb_agg(jsonb_build_object(${fields})), '[]'::jsonb)::text as links
      from ${id(table.name)} t where t.tenant_id = ${tenantId} and t.${id(ref.column)} is not null`);
    saved.push(res.rows[0]?.links ?? "[]");
  }
  return saved;
}

/** After the backup's rows are in: puts back each saved link whose target exists again. */
export async function restoreLinks(tx: Tx, tenantId: string, saved: string[]): Promise<void> {
  for (const [i, { table, ref }] of KEPT_LINKS.entries()) {
    const matchKey = sql.join(
      table.primaryKey.map((c) => sql`t.${id(c)} = r.${id(c)}`),
      sql` and `,
    );
    await tx.execute(sql`
      update ${id(table.name)} t set ${id(ref.column)} = r.${id(ref.column)}
      from jsonb_populate_recordset(null::${id(table.name)}, ${saved[i] ?? "[]"}::jsonb) r
      where t.tenant_id = ${tenantId} and ${matchKey}
        and exists (select 1 from ${id(ref.table)} p where p.${id(ref.foreignColumn)} = r.${id(ref.column)})`);
  }
}

/**
 * The restored rows' links into kept tables, by table: e.g. `mikrotik_routers.connector_id` →
 * `connectors.id`. Every one is ON DELETE SET NULL (tables.test.ts checks it).
 */
export const INTO_KEPT: ReadonlyMap<string, readonly Reference[]> = new Map(
  TENANT_TABLES.filter((t) => t.policy === "replace")
    .map((t) => [t.name, t.references.filter((ref) => policyOf.get(ref.table) === "keep")] as const)
    .filter(([, refs]) => refs.length > 0),
);

/**
 * What to insert for `column` of a restored row (alias `r`): the backup's value, except a link
 * into a kept table whose target row is gone now, which becomes null — as ON DELETE SET NULL left
 * the live row when that target was deleted — instead of failing the restore.
 */
export function restoredValue(tenantId: string, table: string, column: string): SQL {
  const ref = INTO_KEPT.get(table)?.find((r) => r.column === column);
  if (!ref) return sql`r.${id(column)}`;
  return sql`case when exists (select 1 from ${id(ref.table)} p
    where p.tenant_id = ${tenantId} and p.${id(ref.foreignColumn)} = r.${id(column)}) then r.${id(column)} end`;
}
