import { and, asc, eq, gte, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type ServiceContext, withTenantTx } from "../context";
import { CSV_BOM, csvRow } from "./csv";
import type { ExportSpec } from "./entities";
import type { StreamDb } from "./export";

/** `created_at` bounds: `[start, end)` instants. */
export interface ExportRange {
  start?: Date;
  end?: Date;
}

type Row = Record<string, unknown>;

export interface StreamPlan {
  ctx: ServiceContext;
  spec: ExportSpec;
  columns: [string, AnyPgColumn][];
  range: ExportRange;
  open: () => StreamDb;
  chunkSize: number;
}

export function csvStream(plan: StreamPlan, first: Row[]): ReadableStream<Uint8Array> {
  const { ctx, spec, columns, range, open, chunkSize } = plan;
  const encoder = new TextEncoder();
  const encode = (rows: Row[]) => encoder.encode(rows.map((r) => csvRow(columns.map(([k]) => r[k]))).join(""));
  const cursorAfter = (rows: Row[]) => {
    const last = rows.at(-1);
    return rows.length < chunkSize || !last
      ? undefined
      : { at: String(last._cursor), id: String(last[keyOf(columns, spec.id)]) };
  };
  let cursor = cursorAfter(first);
  let handle: StreamDb | undefined;
  const release = async () => {
    const h = handle;
    handle = undefined;
    await h?.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRow(columns.map(([, col]) => col.name))));
      if (first.length) controller.enqueue(encode(first));
      if (!cursor) controller.close();
    },
    async pull(controller) {
      try {
        handle ??= open();
        const chunkCtx: ServiceContext = { ...ctx, db: handle.db, tx: undefined };
        const rows = await readChunk(chunkCtx, spec, columns, range, cursor, chunkSize);
        if (rows.length) controller.enqueue(encode(rows));
        cursor = cursorAfter(rows);
        if (!cursor) {
          await release();
          controller.close();
        }
      } catch (err) {
        await release();
        controller.error(err);
      }
    },
    async cancel() {
      await release();
    },
  });
}

function keyOf(columns: [string, AnyPgColumn][], column: AnyPgColumn): string {
  return columns.find(([, c]) => c === column)?.[0] ?? "id";
}

/**
 * One chunk after `cursor`. The cursor's time is the column's own text form (microseconds), not a
 * JS Date (milliseconds), so rows created within the same millisecond are neither skipped nor
 * repeated at a chunk boundary.
 */
export async function readChunk(
  ctx: ServiceContext,
  spec: ExportSpec,
  columns: [string, AnyPgColumn][],
  range: ExportRange,
  cursor: { at: string; id: string } | undefined,
  limit: number,
): Promise<Row[]> {
  const conds: SQL[] = [eq(spec.tenantId, ctx.tenant.id)];
  if (spec.deletedAt) conds.push(isNull(spec.deletedAt));
  if (range.start) conds.push(gte(spec.createdAt, range.start));
  if (range.end) conds.push(lt(spec.createdAt, range.end));
  if (cursor) conds.push(sql`(${spec.createdAt}, ${spec.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const fields = { ...Object.fromEntries(columns), _cursor: sql<string>`${spec.createdAt}::text` };
  return withTenantTx(ctx, (tx) =>
    tx
      .select(fields)
      .from(spec.table)
      .where(and(...conds))
      .orderBy(asc(spec.createdAt), asc(spec.id))
      .limit(limit),
  );
}
