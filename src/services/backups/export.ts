import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { type BackupHeader, headerLine, sectionLine, trailerLine } from "./format";
import { type BackupTable, EXPORTED_TABLES } from "./tables";

/** Rows per FETCH: large enough to amortise a round trip, small enough to bound memory. */
const FETCH_ROWS = 1000;

/**
 * The tenant's rows in the set-up transaction's tenant (`app.tenant_id`), as the text pieces of
 * the backup's JSON lines. The caller runs it in one REPEATABLE READ transaction, so every table
 * comes from the same snapshot. Rows are read through a server-side cursor, FETCH_ROWS at a time,
 * so a large tenant never sits in memory. The tenant filter reads `app.tenant_id` (the value
 * `withTenantTx` sets from the context) rather than a bind parameter, because DECLARE takes none;
 * row-level security applies on top of it.
 */
export async function* exportLines(
  tx: Tx,
  header: BackupHeader,
  rowCounts: Record<string, number>,
  onTable?: (done: number, total: number) => Promise<void>,
  tables: readonly BackupTable[] = EXPORTED_TABLES,
): AsyncGenerator<string> {
  yield headerLine(header);
  // All cursors in one round trip (no bind parameters: a multi-statement simple query); each is
  // closed by the end of the transaction.
  await tx.execute(sql.join(tables.map(declareCursor), sql`; `));
  for (const [i, table] of tables.entries()) {
    await onTable?.(i, tables.length);
    yield sectionLine(table.name, table.primaryKey);
    let count = 0;
    for (;;) {
      const page = await tx.execute<{ line: string }>(
        sql`fetch forward ${sql.raw(String(FETCH_ROWS))} from ${sql.identifier(cursorName(i))}`,
      );
      if (page.rows.length === 0) break;
      count += page.rows.length;
      yield `${page.rows.map((r) => r.line).join("\n")}\n`;
      if (page.rows.length < FETCH_ROWS) break;
    }
    rowCounts[table.name] = count;
  }
  yield trailerLine(rowCounts);
}

const cursorName = (i: number) => `backup_rows_${i}`;

function declareCursor(table: BackupTable, i: number): SQL {
  const col = (name: string) => sql`t.${sql.identifier(name)}`;
  const orderBy = sql.join(table.primaryKey.map(col), sql`, `);
  return sql`declare ${sql.identifier(cursorName(i))} no scroll cursor for
    select to_jsonb(t)::text as line from ${sql.identifier(table.name)} as t
    where ${col(table.tenantColumn)} = nullif(current_setting('app.tenant_id', true), '')::uuid
    order by ${orderBy}`;
}
