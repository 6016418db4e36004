import { fc, test } from "@fast-check/vitest";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { CRONS, type CronEntry } from "../../src/cron/registry";
import { runCron } from "../../src/cron/scheduled";
import {
  connectors,
  devices,
  domainEvents,
  mikrotikRouters,
  notifications,
  payments,
  users,
} from "../../src/db/schema";
import { consumeBatch } from "../../src/queues/consumer";
import type { ServiceContext, TenantInfo } from "../../src/services/context";
import { emailEventsPublisher } from "../../src/services/email/publisher";
import { eventCollector } from "../../src/services/events/publisher";
import { detectOffline, STALE_AFTER_MS } from "../../src/services/monitoring/offline";
import { approveSpeedBoost } from "../../src/services/speed-boosts/approve";
import { requestSpeedBoost } from "../../src/services/speed-boosts/request";
import { createTicket } from "../../src/services/tickets/create";
import { insertTenant, purgeTenant, seedCustomer, seedPlan, userContext } from "../support/billing-seed";
import { fakeMessage, mailTo, overdueEntryFor, recordingQueue, testJobDeps } from "../support/jobs";

type Kind = "overdue" | "ticket" | "boost" | "offline" | "device" | "connector";
const STAFF = ["admin", "operator", "technician", "viewer"] as const;
/** Property 59's "appropriate recipient" of each event. */
const EXPECTED: Record<Kind, "customer" | (typeof STAFF)[number][]> = {
  overdue: "customer",
  boost: "customer",
  ticket: ["admin", "operator"],
  offline: ["admin", "technician"],
  device: ["admin", "technician"],
  connector: ["admin", "technician"],
};

let t: ReturnType<typeof testJobDeps>;
let tenant: TenantInfo;
let plan: { id: string };
let boostPlan: { id: string };
const staff: Record<string, string> = {};
let adminId: string;

beforeAll(async () => {
  t = testJobDeps();
  const db = t.deps.dbs.system();
  tenant = await insertTenant(db, { locale: "en" });
  plan = await seedPlan(db, tenant.id, { downloadMbps: 20 });
  boostPlan = await seedPlan(db, tenant.id, { downloadMbps: 100, price: 300_000 });
  const tag = crypto.randomUUID().slice(0, 8);
  for (const role of STAFF) {
    staff[role] = `${role}-${tag}@example.test`;
    const [u] = await db
      .insert(users)
      .values({ tenantId: tenant.id, email: staff[role] as string, name: role, role, passwordHash: "x" })
      .returning({ id: users.id });
    if (role === "admin" && u) adminId = u.id;
  }
});
afterAll(async () => {
  await purgeTenant(t.deps.dbs.system(), tenant.id);
  await t.close();
});

/** Makes the event happen the way the system does, and returns a marker its email must contain. */
async function happen(kind: Kind, ctx: ServiceContext, customerId: string, name: string): Promise<string> {
  const publisher = emailEventsPublisher({ db: () => t.deps.dbs.system(), queue: t.deps.queue, log: t.deps.log });
  const events = eventCollector();
  const c = { ...ctx, events };
  if (kind === "overdue") {
    const invoiceNumber = `INV-${crypto.randomUUID().slice(0, 12)}`;
    await t.deps.dbs.system().insert(payments).values({
      tenantId: tenant.id,
      customerId,
      invoiceNumber,
      amount: 150_000,
      dueDate: "2026-01-05",
      status: "pending",
    });
    const overdue = overdueEntryFor(tenant.id);
    const [run] = await runCron("0 * * * *", new Date("2026-02-01T05:00:00Z"), t.deps, overdue);
    expect(run?.ok, run?.error).toBe(true);
    return invoiceNumber;
  }
  if (kind === "ticket") {
    const ticket = await createTicket(c, { customerId, title: "Internet mati", description: name, priority: "high" });
    await publisher.publish(events.drain());
    return ticket.ticketNumber;
  }
  if (kind === "boost") {
    const req = await requestSpeedBoost(c, { customerId, boostPlanId: boostPlan.id, durationDays: 3 });
    await approveSpeedBoost(c, req.id);
    await publisher.publish(events.drain());
    return "speed boost";
  }
  if (kind === "connector") return connectorGoesAway();
  // A router whose polls stopped (a device whose probes stopped) while its connector is up: the
  // offline detector's real path (`.status_change` written with emails_due, the cron's email step),
  // scoped to this tenant.
  const routerName = `${kind === "device" ? "OLT" : "Router"} ${crypto.randomUUID().slice(0, 8)}`;
  const now = new Date();
  const db = t.deps.dbs.system();
  const [conn] = await db
    .insert(connectors)
    .values({ tenantId: tenant.id, name: `${routerName} connector`, status: "online", lastSeen: now })
    .returning({ id: connectors.id });
  const gone = {
    connectorId: conn?.id,
    status: "online" as const,
    lastSeen: new Date(now.getTime() - 2 * STALE_AFTER_MS),
  };
  if (kind === "device")
    await db
      .insert(devices)
      .values({ tenantId: tenant.id, name: routerName, type: "olt", ipAddress: "10.0.0.3", ...gone });
  else
    await db
      .insert(mikrotikRouters)
      .values({ tenantId: tenant.id, name: routerName, host: "10.0.0.2", username: "api", passwordEnc: "x", ...gone });
  const counts = await runDetection(now);
  expect(counts).toMatchObject(kind === "device" ? { devices: 1, routers: 0 } : { routers: 1, devices: 0 });
  return routerName;
}

/**
 * A connector whose heartbeats stopped, with a router and a probed device behind it: the offline
 * detector marks it `offline` and them `unknown`. Their names carry the marker too, so an email
 * about them (there must be none: the connector is the root cause) would be counted.
 */
async function connectorGoesAway(): Promise<string> {
  const name = `Connector ${crypto.randomUUID().slice(0, 8)}`;
  const now = new Date();
  const db = t.deps.dbs.system();
  const [conn] = await db
    .insert(connectors)
    .values({ tenantId: tenant.id, name, status: "online", lastSeen: new Date(now.getTime() - 2 * STALE_AFTER_MS) })
    .returning({ id: connectors.id });
  const behind = { tenantId: tenant.id, connectorId: conn?.id, status: "online" as const, lastSeen: now };
  await db
    .insert(mikrotikRouters)
    .values({ ...behind, name: `${name} router`, host: "10.0.0.2", username: "api", passwordEnc: "x" });
  await db.insert(devices).values({ ...behind, name: `${name} OLT`, type: "olt", ipAddress: "10.0.0.3" });
  const counts = await runDetection(now);
  expect(counts).toMatchObject({ routers: 0, devices: 0 });
  const [row] = await db
    .select({ status: connectors.status })
    .from(connectors)
    .where(eq(connectors.id, conn?.id as string));
  expect(row?.status).toBe("offline");
  return name;
}

/** The offline detector's cron entry (its email step included), scoped to this tenant. */
async function runDetection(now: Date) {
  const detection: CronEntry = {
    name: "offline-detection",
    cron: CRONS.everyMinute,
    run: (deps, at) => detectOffline(deps.dbs.system(), at, { tenantId: tenant.id }),
  };
  const [run] = await runCron(CRONS.everyMinute, now, t.deps, [detection]);
  expect(run?.ok, run?.error).toBe(true);
  return run?.counts;
}

describe("email notifications on events", () => {
  // Property 59: Email Notification on Events
  test.prop(
    [
      fc.constantFrom<Kind>("overdue", "ticket", "boost", "offline", "device", "connector"),
      fc.string({ minLength: 1, maxLength: 30 }),
    ],
    {
      numRuns: 100,
    },
  )("each configured event emails its appropriate recipients once, and nobody else", async (kind, name) => {
    const queue = recordingQueue();
    t.deps.queue = queue;
    const customerEmail = `c-${crypto.randomUUID()}@example.test`;
    const customer = await seedCustomer(t.deps.dbs.system(), tenant.id, plan.id, { email: customerEmail, name });
    const ctx: ServiceContext = {
      ...userContext(tenant, t.deps.dbs.app(), "admin"),
      actor: { type: "user", userId: adminId, role: "admin" },
    };
    const marker = await happen(kind, ctx, customer.id, name);
    // Whoever ran the rules (the live publisher, the cron's email step) cleared `emails_due`.
    const due = await t.deps.dbs
      .system()
      .select({ id: domainEvents.id })
      .from(domainEvents)
      .where(and(eq(domainEvents.tenantId, tenant.id), eq(domainEvents.emailsDue, true)));
    expect(due).toEqual([]);

    const messages = queue.sent.map((s) => fakeMessage(s.message));
    expect(messages.length).toBeGreaterThan(0);
    await consumeBatch({ queue: "jobs", messages } as never, t.deps);
    expect(messages.every((m) => m.acked)).toBe(true);

    const expected = EXPECTED[kind];
    const wanted = expected === "customer" ? [customerEmail] : expected.map((r) => staff[r] as string);
    const everyone = [customerEmail, ...Object.values(staff)];
    for (const address of everyone) {
      const got = (await mailTo(address)).filter((m) => m.subject.includes(marker) || m.text.includes(marker));
      const relevant = kind === "boost" ? got.filter((m) => m.text.includes(name)) : got;
      expect(relevant.length, `${kind} → ${address}`).toBe(wanted.includes(address) ? 1 : 0);
    }
    // Seen again (a redelivered batch, the event published twice): no second email.
    await consumeBatch({ queue: "jobs", messages: queue.sent.map((s) => fakeMessage(s.message, 2)) } as never, t.deps);
    const rows = await t.deps.dbs
      .system()
      .select({ status: notifications.status })
      .from(notifications)
      .where(and(eq(notifications.tenantId, tenant.id), inArray(notifications.recipient, wanted)));
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
  });
});
