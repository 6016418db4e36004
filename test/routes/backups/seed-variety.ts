import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../src/db/client";
import {
  connectors,
  customerCodeCounters,
  devices,
  domainEvents,
  mikrotikRouters,
  monitoringRollups,
  monitoringSamples,
  payments,
  servicePlanAdvancedSettings,
  speedBoosts,
  tenantSmtpSettings,
  ticketComments,
  tickets,
} from "../../../src/db/schema";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { seedUser } from "../../support/network-seed";

let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

/**
 * One or more rows in most tenant tables, with the values a round trip could get wrong: identity
 * ids, microsecond timestamps, numerics, dates, jsonb with unicode, encrypted text, nulls.
 */
export async function seedVariety(db: DbOrTx, tenantId: string): Promise<void> {
  const tag = unique();
  const plan = await seedPlan(db, tenantId, { name: `Paket “Cepat” ${tag}` });
  const boost = await seedPlan(db, tenantId, { name: `Boost ${tag}`, downloadMbps: 50 });
  await db
    .insert(servicePlanAdvancedSettings)
    .values({ tenantId, servicePlanId: plan.id, dnsServers: ["1.1.1.1", "8.8.8.8"] });
  const connectorId = (
    await db
      .insert(connectors)
      .values({ tenantId, name: `Conn ${tag}` })
      .returning()
  )[0]?.id;
  const [router] = await db
    .insert(mikrotikRouters)
    .values({ tenantId, name: `R-${tag}`, host: "10.0.0.1", username: "api", passwordEnc: "v1.aaa.bbb", connectorId })
    .returning();
  const customer = await seedCustomer(db, tenantId, plan.id, {
    routerId: router?.id,
    latitude: -6.2000001,
    notes: "Rumah cat hijau 🏠\nsebelah masjid",
    installationDate: "2026-01-31",
  });
  const tech = await seedUser(db, tenantId, "technician");
  const [ticket] = await db
    .insert(tickets)
    .values({
      tenantId,
      customerId: customer.id,
      ticketNumber: `T-${tag}`,
      title: "Lambat",
      description: "x",
      assignedTo: tech,
    })
    .returning();
  if (ticket) await db.insert(ticketComments).values({ tenantId, ticketId: ticket.id, authorId: tech, body: "Dicek" });
  await db.insert(payments).values({
    tenantId,
    customerId: customer.id,
    invoiceNumber: `INV-${tag}`,
    period: "2026-11",
    amount: 9_007_199_254_740,
    dueDate: "2026-11-15",
  });
  await db.insert(speedBoosts).values({
    tenantId,
    customerId: customer.id,
    currentPlanId: plan.id,
    boostPlanId: boost.id,
    durationDays: 3,
    price: 25_000,
  });
  await db.insert(devices).values({ tenantId, name: `OLT ${tag}`, type: "olt", ipAddress: "10.0.0.2" });
  await db.insert(monitoringSamples).values({
    tenantId,
    customerId: customer.id,
    routerId: router?.id,
    connectorId,
    sampleSeq: Number.parseInt(tag.slice(-6), 36),
    ts: sql`now()` as unknown as Date,
    rxBytes: 123,
    txBytes: 456,
    rxRateBps: 7,
    txRateBps: 8,
    packetLossPct: "12.50",
  });
  await db
    .insert(monitoringRollups)
    .values({ tenantId, customerId: customer.id, bucket: "1h", bucketStart: new Date() });
  await db.insert(customerCodeCounters).values({ tenantId, nextValue: 42 }).onConflictDoNothing();
  await db
    .insert(tenantSmtpSettings)
    .values({ tenantId, host: "mail.example.test", fromAddress: "noc@example.test", passwordEnc: "v1.x.y" })
    .onConflictDoNothing();
  await db
    .insert(domainEvents)
    .values({ tenantId, entityType: "test", entityId: tag, action: "create", data: { n: 1 } });
}
