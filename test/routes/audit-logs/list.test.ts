import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { createUserVia } from "../../support/users";

interface AuditRow {
  id: string;
  userId: string | null;
  actorType: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: string;
}
interface AuditList {
  data: AuditRow[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

runCommonRouteTests({ method: "GET", path: "/api/v1/audit-logs", permission: "audit_logs:read" });

group("GET /api/v1/audit-logs", () => {
  it("200: newest first, with who, from where, which request and what changed", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const headers = {
      ...admin.headers,
      "cf-connecting-ip": "203.0.113.9",
      "user-agent": "audit-test/1.0",
      "x-request-id": "req-audit-1",
    };
    const created = await api<{ id: string }>("/api/v1/users", {
      headers,
      body: { email: "new@example.id", name: "Baru", role: "viewer", password: "pass-word-123" },
    });
    await api(`/api/v1/users/${created.body.id}`, { method: "PATCH", headers, body: { role: "operator" } });
    const res = await api<AuditList>(`/api/v1/audit-logs?entity_id=${created.body.id}`, { headers: admin.headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.data.map((r) => r.action)).toEqual(["update", "create"]);
    const [update] = res.body.data;
    expect(update).toMatchObject({
      userId: t.users.admin.id,
      actorType: "user",
      entityType: "user",
      ipAddress: "203.0.113.9",
      userAgent: "audit-test/1.0",
      requestId: "req-audit-1",
      changes: { role: { old: "viewer", new: "operator" } },
    });
    expect(Object.keys(update ?? {}).sort()).toEqual([
      "action",
      "actorType",
      "changes",
      "createdAt",
      "entityId",
      "entityType",
      "id",
      "ipAddress",
      "requestId",
      "userAgent",
      "userId",
    ]);
  });

  it("200: filters by entity type, user, action and date range; paginates", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    for (let i = 0; i < 3; i++) await createUserVia(admin);
    const q = (s: string) => api<AuditList>(`/api/v1/audit-logs?${s}`, { headers: admin.headers });
    const creates = await q(`entity_type=user&action=create&user_id=${t.users.admin.id}&limit=2`);
    expect(creates.status, describe(creates)).toBe(200);
    expect(creates.body.meta).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
    const logins = await q("action=login");
    expect(logins.body.data.every((r) => r.action === "login" && r.userId === t.users.admin.id)).toBe(true);
    // A date means a day of the tenant (Asia/Jakarta), not of UTC.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    expect((await q(`entity_type=user&action=create&from=${hourAgo}`)).body.meta.total).toBe(4); // admin + 3
    expect((await q(`action=create&from=${today}&to=${today}`)).body.meta.total).toBeGreaterThanOrEqual(3);
    expect((await q(`action=create&to=${hourAgo}`)).body.meta.total).toBe(0);
    expect((await q(`user_id=${crypto.randomUUID()}`)).body.data).toEqual([]);
  });

  it("200: another tenant's rows never show", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [adminA, adminB] = await Promise.all([loginAs(a), loginAs(b)]);
    const user = await createUserVia(adminB);
    const res = await api<AuditList>(`/api/v1/audit-logs?entity_id=${user.id}`, { headers: adminA.headers });
    expect(res.body.data).toEqual([]);
    const all = await api<AuditList>("/api/v1/audit-logs?limit=100", { headers: adminA.headers });
    expect(all.body.data.some((r) => r.entityId === b.id || r.entityId === user.id)).toBe(false);
  });

  it("400: a bad date, a reversed range, a non-uuid user, an over-long filter", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const long = "x".repeat(65);
    for (const q of [
      "from=yesterday",
      "from=2026-11-24&to=2026-11-01",
      "user_id=1",
      `action=${long}`,
      "to=2026-02-30",
    ]) {
      const res = await api(`/api/v1/audit-logs?${q}`, { headers: admin.headers });
      expect(res.status, `${q}: ${describe(res)}`).toBe(400);
    }
  });
});
