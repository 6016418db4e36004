import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";

/**
 * A restore brings back business data, never security state. The users table is restored (other
 * rows point at its users: tickets, speed boosts, alerts), but:
 * - a user who exists now keeps today's credentials and standing: password hash, role, active
 *   flag, email (the sign-in name) and password-change time; the rest (name, …) is the backup's;
 * - a user only in the backup (deleted since) comes back deactivated, with no usable password —
 *   the rows that name them keep their links, and an admin may reactivate them with a new password;
 *   one whose email a current user now has is not restored (that person is today's user; links to
 *   the old row become null, as deleting it did);
 * - a user created since the backup stays, as they are now;
 * - every user's access tokens issued before the restore stop working (`sessions_valid_after`,
 *   checked by the authenticate middleware); refresh tokens are cleared by the restore (tables.ts).
 * The report lists every user this touched.
 */
export interface RestoredUsers {
  /** In the backup and now, where the backup's role, active flag, password or email differ: today's kept. */
  keptCurrent: { id: string; email: string; differs: string[] }[];
  /** Only in the backup: restored deactivated, without a usable password. */
  restoredInactive: { id: string; email: string }[];
  /** Only in the backup, under an email a current user has: not restored. */
  skipped: { id: string; email: string }[];
  /** Created since the backup: kept as they are. */
  keptNew: { id: string; email: string }[];
}

/** A password hash no password matches (verifyPassword accepts only `pbkdf2_sha256$…`). */
export const NO_PASSWORD = "!restored-from-backup";

/** Today's users of the tenant, as Postgres JSON: read before the restore deletes them. */
export async function saveUsers(tx: Tx, tenantId: string): Promise<string> {
  const res = await tx.execute<{ users: string }>(sql`
    select coalesce(jsonb_agg(to_jsonb(u)), '[]'::jsonb)::text as users from users u where u.tenant_id = ${tenantId}`);
  return res.rows[0]?.users ?? "[]";
}

/**
 * After the backup's users are in (before kept tables' links are put back, so links to users
 * created since are restored too): applies the rules above to `saved` (from `saveUsers`).
 */
export async function keepUsersSecurityState(
  tx: Tx,
  tenantId: string,
  saved: string,
  restoredAt: Date,
): Promise<RestoredUsers> {
  const current = sql`jsonb_populate_recordset(null::users, ${saved}::jsonb)`;
  const diff = await tx.execute<{ id: string; email: string; kind: string; differs: string[] }>(sql`
    select u.id, coalesce(c.email, u.email) as email,
      case when c.id is not null then 'kept'
           when exists (select 1 from ${current} e where e.email = u.email) then 'skipped'
           else 'inactive' end as kind,
      array_remove(array[
        case when c.role is distinct from u.role then 'role' end,
        case when c.is_active is distinct from u.is_active then 'isActive' end,
        case when c.password_hash is distinct from u.password_hash then 'password' end,
        case when c.email is distinct from u.email then 'email' end
      ], null) as differs
    from users u left join ${current} c on c.id = u.id
    where u.tenant_id = ${tenantId}
    union all
    select c.id, c.email, 'new', '{}'::text[] from ${current} c
    where not exists (select 1 from users u where u.id = c.id)
    order by email, id`);
  const rows = diff.rows;
  const pick = (kind: string) => rows.filter((r) => r.kind === kind).map(({ id, email }) => ({ id, email }));
  const report: RestoredUsers = {
    keptCurrent: rows
      .filter((r) => r.kind === "kept" && r.differs.length > 0)
      .map(({ id, email, differs }) => ({ id, email, differs })),
    restoredInactive: pick("inactive"),
    skipped: pick("skipped"),
    keptNew: pick("new"),
  };

  const skippedIds = report.skipped.map((u) => u.id);
  if (skippedIds.length > 0) {
    await tx.execute(sql`delete from users where tenant_id = ${tenantId}
      and id in (select jsonb_array_elements_text(${JSON.stringify(skippedIds)}::jsonb)::uuid)`);
  }
  await tx.execute(sql`
    update users u set password_hash = c.password_hash, role = c.role, is_active = c.is_active,
      email = c.email, password_changed_at = c.password_changed_at
    from ${current} c where u.tenant_id = ${tenantId} and u.id = c.id`);
  await tx.execute(sql`
    update users u set is_active = false, password_hash = ${NO_PASSWORD}, password_changed_at = ${restoredAt}
    where u.tenant_id = ${tenantId} and not exists (select 1 from ${current} c where c.id = u.id)`);
  await tx.execute(sql`
    insert into users select r.* from ${current} r
    where r.tenant_id = ${tenantId} and not exists (select 1 from users u where u.id = r.id)`);
  await tx.execute(sql`update users set sessions_valid_after = ${restoredAt} where tenant_id = ${tenantId}`);
  return report;
}
