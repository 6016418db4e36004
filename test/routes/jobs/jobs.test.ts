import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { failedJobs, notifications } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { waitForMail } from "../../support/jobs";
import { seedFailedJob, seedJob } from "./fixtures";

interface Job {
  id: string;
  status: string;
  progress: number;
  type: string;
}
interface FailedJob {
  id: string;
  status: string;
  retriedAt: string | null;
  error: string;
}
interface Page<T> {
  data: T[];
  meta: { total: number };
}

let tenant: TestTenant & { remove(): Promise<void> };
let other: TestTenant & { remove(): Promise<void> };
let admin: Record<string, string>;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant({ keep: true }), createTestTenant({ keep: true })]);
  admin = (await loginAs(tenant, "admin")).headers;
});
afterAll(async () => {
  await Promise.all([tenant.remove(), other.remove()]);
});

group("GET /api/v1/jobs", () => {
  it("200: the tenant's jobs with progress, filtered by status, newest first", async () => {
    const running = await seedJob(tenant.id, { progress: 40 });
    const done = await seedJob(tenant.id, { status: "succeeded", progress: 100 });
    await seedJob(other.id);
    const all = await api<Page<Job>>("/api/v1/jobs?limit=100", { headers: admin });
    expect(all.status, describe(all)).toBe(200);
    expect(all.body.data.map((j) => j.id)).toEqual([done, running]);
    const res = await api<Page<Job>>("/api/v1/jobs?status=running", { headers: admin });
    expect(res.body.data.map((j) => [j.id, j.progress])).toEqual([[running, 40]]);
  });

  it("400: an unknown status", async () => {
    const res = await api("/api/v1/jobs?status=exploded", { headers: admin });
    expect(res.status, describe(res)).toBe(400);
  });
});

group("GET /api/v1/jobs/{id}", () => {
  it("200: one job", async () => {
    const id = await seedJob(tenant.id, { progress: 75 });
    const res = await api<Job>(`/api/v1/jobs/${id}`, { headers: admin });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ id, status: "running", progress: 75, type: "backup.run" });
  });

  it("404: an unknown id; 400: not a uuid", async () => {
    expect((await api(`/api/v1/jobs/${crypto.randomUUID()}`, { headers: admin })).status).toBe(404);
    expect((await api("/api/v1/jobs/not-a-uuid", { headers: admin })).status).toBe(400);
  });
});

group("GET /api/v1/jobs/failed", () => {
  it("200: the tenant's dead letters only, filterable by status", async () => {
    const mine = await seedFailedJob(tenant.id);
    await seedFailedJob(other.id);
    const res = await api<Page<FailedJob>>("/api/v1/jobs/failed?status=failed&limit=100", { headers: admin });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.data.map((f) => f.id)).toContain(mine);
    expect(res.body.data.every((f) => f.status === "failed")).toBe(true);
    const theirs = await api<Page<FailedJob>>("/api/v1/jobs/failed?limit=100", {
      headers: (await loginAs(other)).headers,
    });
    expect(theirs.body.data.map((f) => f.id)).not.toContain(mine);
  });
});

group("POST /api/v1/jobs/failed/{id}/retry", () => {
  it("202: re-enqueues a failed email, which is then delivered; a second retry is 409", async () => {
    const to = `retry-${crypto.randomUUID()}@example.test`;
    const { db, close } = testDb("system");
    const [n] = await db
      .insert(notifications)
      .values({
        tenantId: tenant.id,
        template: "payment_overdue",
        recipient: to,
        data: { customerName: "Siti", invoiceNumber: "INV-RETRY", amount: 1000, dueDate: "2026-11-15" },
        status: "failed",
        attempts: 3,
        lastError: "451 try later",
      })
      .returning();
    await close();
    const id = await seedFailedJob(tenant.id, {
      type: "email.send",
      tenantId: tenant.id,
      notificationId: n?.id,
      idempotencyKey: `notification:${n?.id}`,
    });
    const res = await api<FailedJob>(`/api/v1/jobs/failed/${id}/retry`, { method: "POST", headers: admin });
    expect(res.status, describe(res)).toBe(202);
    expect(res.body).toMatchObject({ id, status: "retried" });
    expect(res.body.retriedAt).not.toBeNull();
    // The real queue delivers it to the Worker's consumer, which sends it to the local SMTP sink.
    const mail = await waitForMail(to);
    expect(mail.map((m) => m.subject)).toEqual(["Tagihan INV-RETRY telah jatuh tempo"]);
    const again = await api(`/api/v1/jobs/failed/${id}/retry`, { method: "POST", headers: admin });
    expect(again.status, describe(again)).toBe(409);
  });

  it("409: a dead letter whose message is not a valid job", async () => {
    const id = await seedFailedJob(tenant.id, { type: "garbage", idempotencyKey: "x" });
    const res = await api(`/api/v1/jobs/failed/${id}/retry`, { method: "POST", headers: admin });
    expect(res.status, describe(res)).toBe(409);
    const { db, close } = testDb("system");
    const [row] = await db.select().from(failedJobs).where(eq(failedJobs.id, id));
    await close();
    expect(row?.status).toBe("failed");
  });
});
