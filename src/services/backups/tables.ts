import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../db/schema";

/**
 * What a restore does with a table:
 * - `replace`: the tenant's rows are deleted and the backup's rows inserted (the business data).
 * - `keep`: exported, never restored; current rows stay. The history and operations logs: the
 *   audit log is append-only (the restore adds its own `restore` row instead), domain events are
 *   the outbox and the WebSocket replay log (re-inserting old ones would re-announce stale
 *   changes), the backup catalogue describes objects that exist now (an old catalogue would forget
 *   newer backups), the job history, email delivery log and dead letters record what really
 *   happened (a restored job would be stuck in the state it had, e.g. the backup's own `running`).
 *   Their links into replaced tables (`jobs.created_by` → users, ON DELETE SET NULL) are saved
 *   before the business rows are replaced and put back afterwards where the row exists again.
 *   Also kept: the connectors. They are the live network, not business data: their credentials
 *   (secret and enrollment-token hashes) are what the on-prem agents hold now, so a connector
 *   enrolled or rotated after the backup would get its old secret back (or be deleted) and be
 *   locked out, and their status, version and `last_seen` would go back in time. A connector
 *   created after the backup stays. The other way round, a restored row's link into a kept table
 *   (`mikrotik_routers.connector_id`, `devices.connector_id`, ON DELETE SET NULL) is restored as
 *   null when its target no longer exists — what deleting that connector did to the live row
 *   (links.ts); a router or device the backup assigns to a connector that still exists gets it back.
 * - `clear`: neither exported nor restored, deleted on restore. Refresh tokens: restoring them
 *   would revive sessions that were signed out or revoked after the backup, so everyone signs in
 *   again after a restore.
 */
export type RestorePolicy = "replace" | "keep" | "clear";

const POLICIES: Record<string, RestorePolicy> = {
  audit_logs: "keep",
  jobs: "keep",
  domain_events: "keep",
  backups: "keep",
  notifications: "keep",
  failed_jobs: "keep",
  connectors: "keep",
  refresh_tokens: "clear",
};

export interface BackupTable {
  name: string;
  /** The column holding the tenant id: `tenant_id`, or `id` for the tenant row itself. */
  tenantColumn: string;
  /** Sort key of the export, so the same data always gives the same bytes. */
  primaryKey: string[];
  /** Tables this one references (other than `tenants`): restored before it, deleted after it. */
  dependsOn: string[];
  /** Its foreign keys (other than to `tenants`), a (tenant_id, x) key as one on x. */
  references: Reference[];
  policy: RestorePolicy;
}

export interface Reference {
  column: string;
  table: string;
  foreignColumn: string;
  onDelete: string;
}

function describeTable(table: PgTable): BackupTable {
  const config = getTableConfig(table);
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name);
  const primaryKey = composite ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  if (primaryKey.length === 0) throw new Error(`table ${config.name} has no primary key to order its backup by`);
  const references = config.foreignKeys.flatMap((fk) => {
    const ref = fk.reference();
    const table = getTableConfig(ref.foreignTable).name;
    if (table === "tenants" || table === config.name) return [];
    // A (tenant_id, x) key is a reference on x: within one tenant's rows the tenant part always holds.
    const names = ref.columns.map((c) => c.name);
    const foreign = ref.foreignColumns.map((c) => c.name);
    const scoped = names.length === 2 && names[0] === "tenant_id" && foreign[0] === "tenant_id";
    if (names.length !== 1 && !scoped)
      throw new Error(`${config.name}: only single-column and (tenant_id, x) foreign keys are supported by backups`);
    return [
      {
        column: names.at(-1) as string,
        table,
        foreignColumn: foreign.at(-1) as string,
        onDelete: fk.onDelete ?? "no action",
      },
    ];
  });
  return {
    name: config.name,
    tenantColumn: config.name === "tenants" ? "id" : "tenant_id",
    primaryKey,
    dependsOn: [...new Set(references.map((r) => r.table))].sort(),
    references,
    policy: config.name === "tenants" ? "keep" : (POLICIES[config.name] ?? "replace"),
  };
}

/** Orders tables so each comes after the tables it references (ties by name, so the order is stable). */
export function foreignKeyOrder(tables: BackupTable[]): BackupTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: BackupTable[] = [];
  while (out.length < tables.length) {
    const ready = tables
      .filter((t) => !placed.has(t.name) && t.dependsOn.every((d) => placed.has(d) || !byName.has(d)))
      .sort((a, b) => a.name.localeCompare(b.name));
    const next = ready[0];
    if (!next)
      throw new Error(`foreign-key cycle among ${tables.filter((t) => !placed.has(t.name)).map((t) => t.name)}`);
    placed.add(next.name);
    out.push(next);
  }
  return out;
}

/**
 * Tenant tables that are not data but kept from other tables by triggers: never in a backup. The
 * sample counts follow the restore's delete and insert of `monitoring_samples` on their own (the app
 * role may not write them).
 */
export const DERIVED_TABLES: ReadonlySet<string> = new Set(["monitoring_sample_counts"]);

/**
 * Every table of the schema that holds tenant rows (has `tenant_id`), discovered from the drizzle
 * schema so a table added later is backed up without touching this code; the tenant row first,
 * then the rest in foreign-key order. Computed once per isolate (the schema is code).
 */
export const TENANT_TABLES: readonly BackupTable[] = (() => {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const owned = tables.filter(
    (t) => getTableConfig(t).columns.some((c) => c.name === "tenant_id") && !DERIVED_TABLES.has(getTableConfig(t).name),
  );
  const tenantsTable = tables.find((t) => getTableConfig(t).name === "tenants");
  if (!tenantsTable) throw new Error("schema has no tenants table");
  return [describeTable(tenantsTable), ...foreignKeyOrder(owned.map(describeTable))];
})();

/** The tables a backup holds, in file order. */
export const EXPORTED_TABLES = TENANT_TABLES.filter((t) => t.policy !== "clear");
