import { eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { backups, failedJobs } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { type BackupView, waitForBackup } from "../backups/fixtures";
import { seedFailedJob, seedJob } from "./fixtures";

/**
 * A manual backup that failed and was dead-lettered, as the consumer leaves it: the backup row
 * `failed`, the `jobs` row of its key `failed`, the `failed_jobs` record with the original message.
 */
async function failedManualBackup(tenantId: string) {
  const backupId = crypto.randomUUID();
  const idempotencyKey = `backup:manual:${backupId}`;
  const { db, close } = testDb("system");
  try {
    await db.insert(backups).values({
      id: backupId,
      tenantId,
      status: "failed",
      error: "R2: 503 Service Unavailable",
      objectKey: `tenants/${tenantId}/${backupId}.bin`,
      completedAt: new Date(),
    });
  } finally {
    await close();
  }
  await seedJob(tenantId, { status: "failed", idempotencyKey, error: `backup ${backupId} failed`, progress: 10 });
  const failedJobId = await seedFailedJob(tenantId, {
    type: "backup.run",
    tenantId,
    backupId,
    trigger: "manual",
    idempotencyKey,
  });
  return { backupId, failedJobId };
}

group("POST /api/v1/jobs/failed/{id}/retry of a manual backup", () => {
  it("202: starts a fresh backup run, which succeeds; the failed run stays failed", async () => {
    const t = await createTestTenant();
    const admin = (await loginAs(t)).headers;
    const { backupId, failedJobId } = await failedManualBackup(t.id);
    const res = await api(`/api/v1/jobs/failed/${failedJobId}/retry`, { method: "POST", headers: admin });
    expect(res.status, describe(res)).toBe(202);
    const list = await api<{ data: BackupView[] }>("/api/v1/backups", { headers: admin });
    const fresh = list.body.data.filter((b) => b.id !== backupId);
    expect(fresh, describe(list)).toHaveLength(1);
    const done = await waitForBackup(admin, fresh[0]?.id as string);
    expect(done.status, done.error ?? "").toBe("succeeded");
    const old = await api<BackupView>(`/api/v1/backups/${backupId}`, { headers: admin });
    expect(old.body).toMatchObject({ status: "failed", error: "R2: 503 Service Unavailable" });
  });

  it("409 while another backup is running; the dead letter stays failed and no run is opened", async () => {
    const t = await createTestTenant();
    const admin = (await loginAs(t)).headers;
    const { failedJobId } = await failedManualBackup(t.id);
    const { db, close } = testDb("system");
    try {
      await db.insert(backups).values({ tenantId: t.id, status: "running" });
      const res = await api(`/api/v1/jobs/failed/${failedJobId}/retry`, { method: "POST", headers: admin });
      expect(res.status, describe(res)).toBe(409);
      const [row] = await db.select().from(failedJobs).where(eq(failedJobs.id, failedJobId));
      expect(row?.status).toBe("failed");
      const rows = await db.select({ id: backups.id }).from(backups).where(eq(backups.tenantId, t.id));
      expect(rows).toHaveLength(2);
    } finally {
      await close();
    }
  });
});
