import { env } from "cloudflare:workers";
import { fc, test } from "@fast-check/vitest";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { alerts, backups, domainEvents, notifications, users } from "../../../src/db/schema";
import { createLogger } from "../../../src/lib/logger";
import type { JobMessageInput } from "../../../src/queues/messages";
import type { JobQueue } from "../../../src/queues/producer";
import { requestBackup } from "../../../src/services/backups/create";
import { recordBackupFailure } from "../../../src/services/backups/failure";
import { runTenantBackup } from "../../../src/services/backups/run";
import type { ServiceContext } from "../../../src/services/context";
import { UnavailableError } from "../../../src/services/errors";
import { eventPublisher } from "../../../src/services/events/hub-publisher";
import { eventCollector } from "../../../src/services/events/publisher";
import { HubClient } from "../../durable-objects/hub-client";
import { bucket, testBackupDeps } from "../../routes/backups/fixtures";
import { testDb } from "../../support/db";
import { createTestTenant } from "../../support/harness";
import { mailTo } from "../../support/jobs";
import { seedUser, staffContext } from "../../support/network-seed";

let system: DbHandle;
let app: DbHandle;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let base: ServiceContext;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await createTestTenant({ keep: true });
  const info = {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timezone: "Asia/Jakarta",
    locale: "id",
    isActive: true,
  };
  base = staffContext(info, app.db, tenant.users.admin.id);
});

afterAll(async () => {
  await tenant.remove();
  await Promise.all([system.close(), app.close()]);
});

/**
 * The failures are real ones at the infrastructure boundary: an R2 bucket whose writes fail (an
 * outage), or a misconfigured encryption key. Nothing of our own code is stubbed.
 */
type Failure = "put-rejects" | "multipart-rejects" | "bad-key";

/** The queue port recording what it is given (the property checks the rows; one test below lets the real queue deliver). */
function recordingQueue(): JobQueue & { sent: JobMessageInput[] } {
  const sent: JobMessageInput[] = [];
  return {
    sent,
    send: async (m) => {
      sent.push(m);
    },
    sendBatch: async (ms) => {
      sent.push(...ms);
    },
  };
}

function failingDeps(failure: Failure, queue?: JobQueue) {
  const real = bucket();
  const outage = () => Promise.reject(new Error("R2: 503 Service Unavailable"));
  const broken = new Proxy(real, {
    get(target, prop, receiver) {
      if (failure === "put-rejects" && prop === "put") return outage;
      if (failure === "multipart-rejects" && (prop === "put" || prop === "createMultipartUpload")) return outage;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return testBackupDeps({
    bucket: broken,
    ...(queue ? { queue } : {}),
    ...(failure === "bad-key" ? { encryptionKey: btoa("short key") } : {}),
  });
}

const roster = fc.record({
  extraAdmins: fc.integer({ min: 0, max: 2 }),
  inactiveAdmins: fc.integer({ min: 0, max: 1 }),
  failure: fc.constantFrom<Failure>("put-rejects", "multipart-rejects", "bad-key"),
});

describe("a failing backup", () => {
  // Property 55: Backup Failure Notification
  test.prop([roster], { numRuns: 100 })(
    "notifies every active admin by email and the admins' WebSockets, and raises an alert",
    async ({ extraAdmins, inactiveAdmins, failure }) => {
      const added = [
        ...(await Promise.all(Array.from({ length: extraAdmins }, () => seedUser(system.db, tenant.id, "admin")))),
        ...(await Promise.all(
          Array.from({ length: inactiveAdmins }, () => seedUser(system.db, tenant.id, "admin", { isActive: false })),
        )),
      ];
      const admin = await HubClient.direct(tenant.id, "admin");
      const operator = await HubClient.direct(tenant.id, "operator");
      try {
        const events = eventCollector();
        const queue = recordingQueue();
        const view = await runTenantBackup({ ...base, events }, failingDeps(failure, queue));
        expect(view.status).toBe("failed");
        expect(view.error).toMatch(failure === "bad-key" ? /BACKUP_ENCRYPTION_KEY/ : /503/);
        expect(await bucket().head(`tenants/${tenant.id}/${view.id}.bin`)).toBeNull();

        // Email: one per active admin, nobody else.
        const activeAdmins = await system.db
          .select({ email: users.email })
          .from(users)
          .where(and(eq(users.tenantId, tenant.id), eq(users.role, "admin"), eq(users.isActive, true)));
        const mails = await system.db
          .select({ recipient: notifications.recipient, data: notifications.data })
          .from(notifications)
          .where(and(eq(notifications.tenantId, tenant.id), sql`${notifications.data}->>'backupId' = ${view.id}`));
        expect(mails.map((m) => m.recipient).sort()).toEqual(activeAdmins.map((a) => a.email).sort());
        expect(mails.every((m) => m.data.error === view.error)).toBe(true);
        expect(queue.sent.map((m) => m.type)).toEqual(mails.map(() => "email.send"));

        // WebSocket: the committed `backup.fail` event reaches admins (not other roles).
        const failed = events.drain();
        expect(failed.map((e) => e.type)).toContain("backup.fail");
        await eventPublisher(env.TENANT_HUB, createLogger({}, "error"), () => app.db).publish(failed);
        const got = await admin.next((m) => m.event === "backup.fail");
        expect(got).toMatchObject({ entityId: view.id, data: { status: "failed", error: view.error } });
        expect(operator.messages().some((m) => m.event === "backup.fail")).toBe(false);
        const outbox = await system.db
          .select({ id: domainEvents.id })
          .from(domainEvents)
          .where(and(eq(domainEvents.entityId, view.id), eq(domainEvents.action, "fail")));
        expect(outbox).toHaveLength(1);

        // Alert: one open backup_failed alert for the tenant, however often it fails.
        const open = await system.db
          .select({ data: alerts.data })
          .from(alerts)
          .where(and(eq(alerts.tenantId, tenant.id), eq(alerts.type, "backup_failed"), eq(alerts.status, "open")));
        expect(open).toHaveLength(1);
      } finally {
        admin.close();
        operator.close();
        if (added.length) await system.db.execute(sql`delete from users where id in ${added}`);
      }
    },
  );

  it("a redelivered failure of the same run notifies nobody a second time", async () => {
    const view = await runTenantBackup(base, failingDeps("put-rejects"));
    const again = await recordBackupFailure(base, failingDeps("put-rejects"), view.id, new Error("again"));
    expect(again).toMatchObject({ status: "failed", error: view.error });
    const rows = await system.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(sql`${notifications.data}->>'backupId' = ${view.id}`);
    expect(rows).toHaveLength(1);
    const [row] = await system.db.select().from(backups).where(eq(backups.id, view.id));
    expect(row?.status).toBe("failed");
    // And the email really leaves: the queue consumer delivers it to the local SMTP sink.
    const deadline = Date.now() + 30_000;
    let mail: { subject: string; text: string }[] = [];
    while (Date.now() < deadline) {
      mail = (await mailTo(tenant.users.admin.email)).filter((m) => m.text.includes(view.id));
      if (mail.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toMatch(/backup|Pencadangan/i);
  });

  it("a backup the queue refuses to take is failed at once (503), so it blocks no later run", async () => {
    const refusing = { send: () => Promise.reject(new Error("queue down")), sendBatch: () => Promise.resolve() };
    await expect(requestBackup(base, testBackupDeps({ queue: refusing }))).rejects.toBeInstanceOf(UnavailableError);
    const [latest] = await system.db
      .select()
      .from(backups)
      .where(eq(backups.tenantId, tenant.id))
      .orderBy(sql`${backups.createdAt} desc`)
      .limit(1);
    expect(latest).toMatchObject({ status: "failed", error: "Error: queue down" });
  });
});
