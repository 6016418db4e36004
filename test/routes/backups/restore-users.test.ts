import { eq, sql } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { users } from "../../../src/db/schema";
import { hashPassword } from "../../../src/lib/password";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { backupNow } from "./fixtures";

interface Restored {
  users: {
    keptCurrent: { id: string; email: string; differs: string[] }[];
    restoredInactive: { id: string; email: string }[];
    skipped: { id: string; email: string }[];
    keptNew: { id: string; email: string }[];
  };
}

const signIn = (headers: Record<string, string>, email: string, password: string) =>
  api<{ access_token: string }>("/api/v1/auth/login", { headers, body: { email, password } });

group("a restore never rolls back security state", () => {
  it("users keep today's password, role and active flag; deleted ones come back inactive; new ones stay; the report lists them", async () => {
    const t = await createTestTenant();
    const { db, close } = testDb("system");
    try {
      const admin = await loginAs(t, "admin");
      const backup = await backupNow(admin.headers);
      expect(backup.status).toBe("succeeded");

      // After the backup: the operator is demoted and deactivated, the viewer's password changed,
      // the technician deleted, and a new user created.
      await db.update(users).set({ role: "viewer", isActive: false }).where(eq(users.id, t.users.operator.id));
      const newHash = await hashPassword("a-new-viewer-password");
      await db.update(users).set({ passwordHash: newHash }).where(eq(users.id, t.users.viewer.id));
      await db.delete(users).where(eq(users.id, t.users.technician.id));
      const [added] = await db
        .insert(users)
        .values({ tenantId: t.id, email: `new@${t.slug}.test`, passwordHash: newHash, name: "New", role: "operator" })
        .returning({ id: users.id });

      const fresh = await loginAs(t, "admin");
      const res = await api<Restored>(`/api/v1/backups/${backup.id}/restore`, {
        method: "POST",
        headers: fresh.headers,
      });
      expect(res.status, describe(res)).toBe(200);
      const byId = (list: { id: string }[]) => list.map((u) => u.id).sort();
      expect(res.body.users.keptCurrent).toEqual(
        expect.arrayContaining([
          { id: t.users.operator.id, email: t.users.operator.email, differs: ["role", "isActive"] },
          { id: t.users.viewer.id, email: t.users.viewer.email, differs: ["password"] },
        ]),
      );
      expect(res.body.users.keptCurrent).toHaveLength(2);
      expect(byId(res.body.users.restoredInactive)).toEqual([t.users.technician.id]);
      expect(byId(res.body.users.keptNew)).toEqual([added?.id]);
      expect(res.body.users.skipped).toEqual([]);

      const rows = await db
        .select({ id: users.id, role: users.role, isActive: users.isActive, hash: users.passwordHash })
        .from(users)
        .where(eq(users.tenantId, t.id));
      const row = (id: string | undefined) => rows.find((r) => r.id === id);
      expect(row(t.users.operator.id)).toMatchObject({ role: "viewer", isActive: false });
      expect(row(t.users.viewer.id)?.hash).toBe(newHash);
      expect(row(t.users.technician.id)).toMatchObject({ isActive: false, hash: "!restored-from-backup" });
      expect(row(added?.id)).toMatchObject({ role: "operator", isActive: true });

      // Sign-ins: the old password of the viewer no longer works, the new one does; the demoted
      // operator and the restored technician cannot sign in.
      expect((await signIn(t.headers, t.users.viewer.email, t.users.viewer.password)).status).toBe(401);
      expect((await signIn(t.headers, t.users.viewer.email, "a-new-viewer-password")).status).toBe(200);
      expect((await signIn(t.headers, t.users.operator.email, t.users.operator.password)).status).toBe(401);
      expect((await signIn(t.headers, t.users.technician.email, t.users.technician.password)).status).toBe(401);
    } finally {
      await close();
    }
  });

  it("access tokens issued before the restore stop working at once; refresh tokens too; a new sign-in works", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t, "admin");
    const operator = await loginAs(t, "operator");
    const backup = await backupNow(admin.headers);
    expect((await api("/api/v1/auth/me", { headers: operator.headers })).status).toBe(200);

    const res = await api(`/api/v1/backups/${backup.id}/restore`, { method: "POST", headers: admin.headers });
    expect(res.status, describe(res)).toBe(200);

    for (const session of [admin, operator]) {
      const me = await api("/api/v1/auth/me", { headers: session.headers });
      expect(me.status, describe(me)).toBe(401);
      const ticket = await api("/api/v1/tickets", { headers: session.headers, body: { title: "after restore" } });
      expect(ticket.status, describe(ticket)).toBe(401);
      const refreshed = await api("/api/v1/auth/refresh", { body: { refresh_token: session.refreshToken } });
      expect(refreshed.status, describe(refreshed)).toBe(401);
    }
    const again = await loginAs(t, "admin");
    expect((await api("/api/v1/auth/me", { headers: again.headers })).status).toBe(200);
    const { db, close } = testDb("system");
    try {
      const rows = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from users where tenant_id = ${t.id} and sessions_valid_after is null`,
      );
      expect(rows.rows[0]?.n).toBe(0);
    } finally {
      await close();
    }
  });
});
