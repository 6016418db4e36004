import { sql } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { backups } from "../../../src/db/schema";
import { authHeaders } from "../../durable-objects/hub-client";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant } from "../../support/harness";
import { type BackupView, MISSING } from "./fixtures";

interface BackupList {
  data: BackupView[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

/** Three backups of one tenant, a minute apart (newest last), and one of another tenant. */
async function seeded() {
  const [tenant, other] = [await createTestTenant(), await createTestTenant()];
  const { db, close } = testDb("system");
  try {
    const rows = await db
      .insert(backups)
      .values(
        (["succeeded", "failed", "succeeded"] as const).map((status, i) => ({
          tenantId: tenant.id,
          status,
          createdAt: sql`now() - make_interval(mins => ${3 - i})` as unknown as Date,
          expiresAt: sql`now() + interval '30 days'` as unknown as Date,
        })),
      )
      .returning({ id: backups.id });
    const [foreign] = await db.insert(backups).values({ tenantId: other.id, status: "succeeded" }).returning();
    return { tenant, ids: rows.map((r) => r.id), foreignId: foreign?.id as string };
  } finally {
    await close();
  }
}

group("GET /api/v1/backups", () => {
  it("200: newest first, paginated, filtered by status, only this tenant's", async () => {
    const { tenant, ids } = await seeded();
    const headers = await authHeaders(tenant, "admin");
    const page = await api<BackupList>("/api/v1/backups?limit=2", { headers });
    expect(page.status, describe(page)).toBe(200);
    expect(page.body.data.map((b) => b.id)).toEqual([ids[2], ids[1]]);
    expect(page.body.meta).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
    const failed = await api<BackupList>("/api/v1/backups?status=failed", { headers });
    expect(failed.body.data.map((b) => b.id)).toEqual([ids[1]]);
  });

  it("400: an unknown status or a limit over 100", async () => {
    const tenant = await createTestTenant();
    const headers = await authHeaders(tenant, "admin");
    for (const q of ["status=done", "limit=101"]) {
      const res = await api(`/api/v1/backups?${q}`, { headers });
      expect(res.status, describe(res)).toBe(400);
    }
  });

  it("401 without a token, 403 for an operator", async () => {
    const tenant = await createTestTenant();
    expect((await api("/api/v1/backups", { headers: tenant.headers })).status).toBe(401);
    const res = await api("/api/v1/backups", { headers: await authHeaders(tenant, "operator") });
    expect(res.status, describe(res)).toBe(403);
  });
});

group("GET /api/v1/backups/{id}", () => {
  it("200: the backup", async () => {
    const { tenant, ids } = await seeded();
    const res = await api<BackupView>(`/api/v1/backups/${ids[1]}`, { headers: await authHeaders(tenant, "admin") });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ id: ids[1], status: "failed", manifest: null });
  });

  it("404: unknown, or another tenant's backup", async () => {
    const { tenant, foreignId } = await seeded();
    const headers = await authHeaders(tenant, "admin");
    for (const id of [MISSING, foreignId]) {
      const res = await api(`/api/v1/backups/${id}`, { headers });
      expect(res.status, describe(res)).toBe(404);
    }
  });

  it("400: not a uuid; 401 without a token; 403 for a viewer", async () => {
    const tenant = await createTestTenant();
    expect((await api("/api/v1/backups/x", { headers: await authHeaders(tenant, "admin") })).status).toBe(400);
    expect((await api(`/api/v1/backups/${MISSING}`, { headers: tenant.headers })).status).toBe(401);
    expect((await api(`/api/v1/backups/${MISSING}`, { headers: await authHeaders(tenant, "viewer") })).status).toBe(
      403,
    );
  });
});
