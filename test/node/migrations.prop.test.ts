import { fc, test } from "@fast-check/vitest";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listMigrations, migrateDown, migrateUp } from "../../scripts/local/migrations.ts";

/**
 * Everything a migration can create in the public schema, as sorted text, so two states compare
 * with one `toEqual`. The runner's own `schema_migrations` table is left out.
 */
async function catalogSnapshot(client: pg.Client): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await client.query<{ x: string }>(sql)).rows.map((r) => r.x).sort();
  const notRunner = "not in ('schema_migrations')";
  return {
    columns:
      await q(`select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as x
      from information_schema.columns where table_schema = 'public' and table_name ${notRunner}`),
    constraints: await q(`select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) as x
      from pg_constraint where connamespace = 'public'::regnamespace and conrelid::regclass::text ${notRunner}`),
    indexes: await q(`select indexdef as x from pg_indexes where schemaname = 'public' and tablename ${notRunner}`),
    rls: await q(`select relname || ' rls=' || relrowsecurity || ' force=' || relforcerowsecurity as x
      from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname ${notRunner}`),
    policies:
      await q(`select tablename || ' ' || policyname || ' ' || cmd || ' ' || array_to_string(roles, ',') || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '') as x
      from pg_policies where schemaname = 'public'`),
    triggers: await q(`select pg_get_triggerdef(t.oid) as x from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = 'public'::regnamespace and not t.tgisinternal`),
    functions: await q(
      `select pg_get_functiondef(p.oid) as x from pg_proc p where p.pronamespace = 'public'::regnamespace`,
    ),
    grants:
      await q(`select grantee || ' ' || table_name || ' ' || privilege_type as x from information_schema.role_table_grants
      where table_schema = 'public' and grantee like 'rtrw_%'`),
    sequences: await q(`select sequence_name as x from information_schema.sequences where sequence_schema = 'public'`),
    types: await q(
      `select typname as x from pg_type where typnamespace = 'public'::regnamespace and typtype in ('e', 'd', 'c') and typrelid = 0`,
    ),
  };
}

const DB = "rtrwnet_migrations";
let admin: pg.Client;
let client: pg.Client;
let count: number;
/** `migrateUp`'s `to` (an index bound) that applies the first k migrations, gaps in the numbering or not. */
let bound: (k: number) => number;
/** snapshots[k] = the catalog after the first k migrations, applied from nothing. */
const snapshots: Record<string, string[]>[] = [];

beforeAll(async () => {
  const ownerUrl = inject("db").ownerUrl;
  admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  client = new pg.Client({ connectionString: ownerUrl.replace(/\/[^/]+$/, `/${DB}`) });
  await client.connect();
  const migrations = await listMigrations();
  count = migrations.length;
  bound = (k) => (k === 0 ? 0 : (migrations[k - 1]?.idx as number) + 1);
  for (let k = 0; k <= count; k++) {
    if (k > 0) await migrateUp(client, { to: bound(k) });
    snapshots.push(await catalogSnapshot(client));
  }
}, 120_000);

afterAll(async () => {
  await client?.end();
  await admin?.query(`drop database if exists ${DB} with (force)`);
  await admin?.end();
});

async function level(): Promise<number> {
  const { rows } = await client.query<{ n: number }>("select count(*)::int as n from schema_migrations");
  return rows[0]?.n ?? 0;
}

describe("migrations", () => {
  it("each migration changes the schema, and down of everything leaves the public schema empty", async () => {
    for (let k = 1; k <= count; k++) expect(snapshots[k]).not.toEqual(snapshots[k - 1]);
    const empty = snapshots[0] as Record<string, string[]>;
    for (const [kind, items] of Object.entries(empty)) expect(items, kind).toEqual([]);
  });

  // Property 64: Migration Rollback Safety
  test.prop([fc.array(fc.nat(), { minLength: 1, maxLength: 3 })], { numRuns: 100 })(
    "any walk of ups and downs lands on exactly the schema that level had when first applied",
    async (targets) => {
      for (const raw of targets) {
        const target = raw % (count + 1);
        const current = await level();
        if (target > current) await migrateUp(client, { to: bound(target) });
        else if (target < current) await migrateDown(client, current - target);
        expect(await level()).toBe(target);
        expect(await catalogSnapshot(client)).toEqual(snapshots[target]);
      }
    },
  );
});
