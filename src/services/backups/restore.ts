import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { invalidatePlanCatalogue } from "../service-plans/cache";
import { assertRestorableVersion, fillDerivedColumns, insertColumns, rowColumns } from "./compat";
import type { BackupDeps } from "./deps";
import { BackupManifestSchema, getBackupInTenant } from "./internal";
import { restoredValue, restoreLinks, saveLinks } from "./links";
import { refreshConnectorConfigs, resyncNetwork } from "./network";
import { TENANT_TABLES } from "./tables";
import { keepUsersSecurityState, type RestoredUsers, saveUsers } from "./users";
import { BackupCorruptError, readVerifiedBackup } from "./verify";

export interface RestoreResult {
  backupId: string;
  restoredAt: string;
  /** Rows put back per restored table. */
  rowCounts: Record<string, number>;
  /** Users whose security state the restore did not take from the backup (users.ts). */
  users: RestoredUsers;
}

const byName = new Map(TENANT_TABLES.map((t) => [t.name, t]));

/**
 * Restores a backup into its own tenant, all or nothing (Property 56):
 * 1. The whole object is read and verified against the manifest (verify.ts) before any row is
 *    touched; a tampered, truncated or foreign object is a 409 and nothing changes. The backup may
 *    be of an earlier schema version (a migration at or before the current one): on the way its
 *    columns are noted (each restored table's first row) and checked against the current tables
 *    (compat.ts); a column dropped since, or a required one added since, is a 409 here too.
 * 2. In one transaction, the tenant's rows of every `replace`/`clear` table are deleted (children
 *    first), the object is read again — verified again on the way, so an object swapped in between
 *    aborts the transaction — and its rows inserted (parents first). `keep` tables (audit log,
 *    events, backup catalogue, delivery log, dead letters) are left as they are; the restore adds
 *    its own `restore` audit row and `backup.restore` event; their links into replaced rows are
 *    carried over, and restored links to a kept row that is gone (a deleted connector) become null
 *    (links.ts). The tenant row is checked, not
 *    written: it belongs to the platform (slug, activation), and the app role may not change it.
 * 3. The network is brought back in step with the restored rows (network.ts): live customers on a
 *    router are left `pending` for the provisioning sweep, routers' and devices' status `unknown`
 *    until observed again, and after the commit every connector is sent its router list again.
 * Concurrent restores of a tenant are serialised. Users' credentials, roles and active flags are
 * never taken from the backup, and every user signs in again: access tokens issued before the
 * restore stop working at once and refresh tokens are cleared (users.ts, tables.ts). The connectors
 * keep their credentials (kept, tables.ts).
 */
export async function restoreBackup(ctx: ServiceContext, deps: BackupDeps, id: string): Promise<RestoreResult> {
  requirePermission(ctx, "backups:write");
  const tenantId = ctx.tenant.id;
  const row = await withTenantTx(ctx, (tx) => getBackupInTenant(tx, tenantId, id));
  if (row.status !== "succeeded" || !row.objectKey)
    throw new ConflictError(`A ${row.status} backup cannot be restored`);
  const parsed = BackupManifestSchema.safeParse(row.manifest);
  if (!parsed.success) throw new BackupCorruptError("the manifest is unreadable");
  const manifest = parsed.data;
  if (manifest.tenantId !== tenantId || manifest.backupId !== id) throw new BackupCorruptError("foreign manifest");
  assertRestorableVersion(manifest.schemaVersion);
  const objectKey = row.objectKey;
  const read = (onItem: Parameters<typeof readVerifiedBackup>[4]) =>
    readVerifiedBackup(deps.bucket, objectKey, deps.encryptionKey, manifest, onItem);

  const backupColumns = new Map<string, string[]>();
  await read(async (item) => {
    if (item.kind !== "rows" || byName.get(item.table)?.policy !== "replace" || backupColumns.has(item.table)) return;
    const columns = rowColumns(item.rows[0] ?? "");
    if (!columns) throw new BackupCorruptError(`a row of ${item.table} is not a JSON object`);
    backupColumns.set(item.table, columns);
  });
  const columns = await withTenantTx(ctx, (tx) => insertColumns(tx, manifest.schemaVersion, backupColumns));

  const result = await withTenantTx(ctx, async (tx, txCtx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`restore:${tenantId}`}, 0))`);
    const links = await saveLinks(tx, tenantId);
    const savedUsers = await saveUsers(tx, tenantId);
    const restoredAt = new Date();
    for (const table of [...TENANT_TABLES].reverse()) {
      if (table.policy === "keep") continue;
      await tx.execute(sql`delete from ${sql.identifier(table.name)} where tenant_id = ${tenantId}`);
    }
    const rowCounts: Record<string, number> = {};
    await read(async (item) => {
      if (item.kind === "header" && item.header.tenantId !== tenantId) throw new BackupCorruptError("foreign tenant");
      if (item.kind !== "rows" || byName.get(item.table)?.policy !== "replace") return;
      const names = columns.get(item.table);
      if (!names) throw new BackupCorruptError(`rows of ${item.table} that the first reading did not see`);
      rowCounts[item.table] =
        (rowCounts[item.table] ?? 0) + (await insertRows(tx, tenantId, item.table, names, item.rows));
    });
    await fillDerivedColumns(tx, tenantId, columns);
    const users = await keepUsersSecurityState(tx, tenantId, savedUsers, restoredAt);
    await restoreLinks(tx, tenantId, links);
    const network = await resyncNetwork(tx, tenantId);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "restore",
      entityType: "backup",
      entityId: id,
      changes: { backupCreatedAt: manifest.createdAt, rowCounts, network, users },
    });
    return { backupId: id, restoredAt: restoredAt.toISOString(), rowCounts, users };
  });
  await invalidatePlanCatalogue(tenantId);
  await refreshConnectorConfigs(ctx, deps.gateway, deps.log);
  return result;
}

/**
 * Inserts one batch of exported rows (Postgres' own JSON of each row) with the row type of the
 * table, so every value comes back exactly as it was. Only the backup's `columns` are named, so a
 * column added by a later migration gets its DEFAULT (`jsonb_populate_recordset` alone would give
 * it null); for a backup of the current version they are all the columns, as `select *` was.
 * Identity columns keep their old values (OVERRIDING SYSTEM VALUE); a link to a kept row that is
 * gone is null (links.ts `restoredValue`). Rows of another tenant are not
 * inserted, and the count check turns them into an error that rolls the whole restore back.
 */
async function insertRows(tx: Tx, tenantId: string, table: string, columns: string[], rows: string[]): Promise<number> {
  const t = sql.identifier(table);
  const names = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const values = sql.join(
    columns.map((c) => restoredValue(tenantId, table, c)),
    sql`, `,
  );
  const res = await tx.execute<{ n: number }>(sql`
    with inserted as (
      insert into ${t} (${names}) overriding system value
      select ${values} from jsonb_populate_recordset(null::${t}, ${`[${rows.join(",")}]`}::jsonb) as r
      where r.tenant_id = ${tenantId}
      returning 1
    )
    select count(*)::int as n from inserted`);
  const n = Number(res.rows[0]?.n ?? 0);
  if (n !== rows.length) throw new BackupCorruptError(`rows of ${table} belong to another tenant`);
  return n;
}
