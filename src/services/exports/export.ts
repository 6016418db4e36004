import type { Db } from "../../db/client";
import { localDate, nextDate, zonedStartOfDay } from "../../lib/time";
import { recordAudit } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError } from "../errors";
import { requirePermission } from "../permissions";
import { csvStream, type ExportRange, readChunk } from "./csv-stream";
import { EXPORTS, type ExportEntity, type ExportSpec, exportColumns, omittedColumns } from "./entities";

export interface ExportQuery {
  /** First local calendar day of `created_at`, inclusive (tenant time zone). */
  from?: string;
  /** Last local calendar day, inclusive. */
  to?: string;
}

/** A database handle the stream owns and closes when it ends: it outlives the request handler. */
export interface StreamDb {
  db: Db;
  close(): Promise<void>;
}

export interface ExportOptions {
  openDb?: () => StreamDb;
  chunkSize?: number;
  now?: Date;
}

/**
 * Starts a CSV export of one entity of the tenant. Everything that can refuse — `exports:read`,
 * read permission on the entity (Property 63), the date range — is checked and the export is
 * audited before the first byte; then rows stream in keyset-paginated chunks ordered by
 * (created_at, id), one short transaction per chunk, so memory stays flat in the row count and no
 * connection is held between reads. Chunks are not one snapshot: a row written during a long
 * export may or may not appear, never twice.
 */
export async function startExport(
  ctx: ServiceContext,
  entity: ExportEntity,
  query: ExportQuery,
  opts: ExportOptions = {},
) {
  requirePermission(ctx, "exports:read");
  const spec: ExportSpec = EXPORTS[entity];
  requirePermission(ctx, spec.permission);
  if (query.from && query.to && query.from > query.to) throw new InvalidInputError("from must not be after to", "from");
  const tz = ctx.tenant.timezone;
  const range: ExportRange = {
    start: query.from ? zonedStartOfDay(query.from, tz) : undefined,
    end: query.to ? zonedStartOfDay(nextDate(query.to), tz) : undefined,
  };
  const open = opts.openDb ?? (() => ({ db: ctx.db, close: async () => {} }));
  const chunkSize = opts.chunkSize ?? 500;
  const columns = exportColumns(spec);
  // The audit row and the first chunk, in one transaction on the request's connection: a failure
  // is still an error response, and an export that fits in one chunk opens no second connection.
  const first = await withTenantTx(ctx, async (tx, txCtx) => {
    await recordAudit(tx, txCtx, {
      tenantId: ctx.tenant.id,
      action: "export",
      entityType: "export",
      entityId: entity,
      changes: { format: "csv", from: query.from ?? null, to: query.to ?? null },
    });
    return readChunk(txCtx, spec, columns, range, undefined, chunkSize);
  });
  return {
    filename: `${entity}-${ctx.tenant.slug}-${localDate(opts.now ?? new Date(), tz)}.csv`,
    omittedColumns: omittedColumns(spec),
    stream: csvStream({ ctx, spec, columns, range, open, chunkSize }, first),
  };
}
