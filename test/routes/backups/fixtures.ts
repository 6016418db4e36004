import { env } from "cloudflare:test";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../src/db/client";
import { queueFromBinding } from "../../../src/queues/producer";
import type { BackupDeps } from "../../../src/services/backups/deps";
import { TENANT_TABLES } from "../../../src/services/backups/tables";
import { api, describe } from "../../support/api";

export const MISSING = "00000000-0000-4000-8000-000000000000";

export interface BackupView {
  id: string;
  status: "running" | "succeeded" | "failed";
  sizeBytes: number | null;
  error: string | null;
  createdAt: string;
  completedAt: string | null;
  expiresAt: string | null;
  manifest: {
    schemaVersion: string;
    rowCounts: Record<string, number>;
    totalRows: number;
    plaintextSha256: string;
    ciphertextSha256: string;
    plaintextBytes: number;
    compressedBytes: number;
    ciphertextBytes: number;
  } | null;
}

const bindings = env as unknown as { BACKUPS: R2Bucket; BACKUP_ENCRYPTION_KEY: string; JOBS: Queue };

export const bucket = () => bindings.BACKUPS;

/** The service's dependencies as the Worker builds them, from the test bindings. */
export function testBackupDeps(overrides: Partial<BackupDeps> = {}): BackupDeps {
  return {
    bucket: bindings.BACKUPS,
    encryptionKey: bindings.BACKUP_ENCRYPTION_KEY,
    queue: queueFromBinding(bindings.JOBS as never),
    ...overrides,
  };
}

/** Starts a backup through the API and polls it until it is no longer running. */
export async function backupNow(headers: Record<string, string>): Promise<BackupView> {
  const started = await api<BackupView>("/api/v1/backups", { method: "POST", headers });
  if (started.status !== 202) throw new Error(`backup did not start: ${describe(started)}`);
  return waitForBackup(headers, started.body.id);
}

export async function waitForBackup(headers: Record<string, string>, id: string): Promise<BackupView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await api<BackupView>(`/api/v1/backups/${id}`, { headers });
    if (res.status !== 200) throw new Error(`backup ${id}: ${describe(res)}`);
    if (res.body.status !== "running") return res.body;
    if (Date.now() > deadline) throw new Error(`backup ${id} still running`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The columns a restore re-derives from the live network instead of restoring them
 * (services/backups/network.ts): customers' provisioning state and version, routers' and devices'
 * observed status. A round trip compares the rest; tests check these on their own.
 */
export const RESYNCED: Readonly<Record<string, string[]>> = {
  customers: ["provisioning_state", "provisioning_error", "updated_at"],
  mikrotik_routers: ["status"],
  devices: ["status"],
  // Every session from before a restore ends (services/backups/users.ts).
  users: ["sessions_valid_after"],
};

/** Every table's rows of the tenant, as Postgres renders them (less `omit`'s columns), in primary-key order. */
export async function dumpTenant(
  db: DbOrTx,
  tenantId: string,
  policies: ("replace" | "keep" | "clear")[] = ["replace"],
  omit: Readonly<Record<string, string[]>> = {},
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TENANT_TABLES.filter((x) => policies.includes(x.policy))) {
    const order = sql.join(
      t.primaryKey.map((c) => sql`t.${sql.identifier(c)}`),
      sql`, `,
    );
    const res = await db.execute<{ line: string }>(
      sql`select (to_jsonb(t) - ${`{${(omit[t.name] ?? []).join(",")}}`}::text[])::text as line from ${sql.identifier(t.name)} t
          where t.${sql.identifier(t.tenantColumn)} = ${tenantId} order by ${order}`,
    );
    out[t.name] = res.rows.map((r) => r.line);
  }
  return out;
}

/** One digest per table of the tenant's rows, in one round trip (cheap enough for every property run). */
export async function fingerprint(db: DbOrTx, tenantId: string): Promise<Record<string, string>> {
  const parts: SQL[] = TENANT_TABLES.map(
    (t) => sql`${t.name}::text, (select md5(coalesce(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text), ''))
      from ${sql.identifier(t.name)} t where t.${sql.identifier(t.tenantColumn)} = ${tenantId}::uuid)`,
  );
  const res = await db.execute<{ f: Record<string, string> }>(
    sql`select jsonb_build_object(${sql.join(parts, sql`, `)}) as f`,
  );
  return res.rows[0]?.f ?? {};
}
