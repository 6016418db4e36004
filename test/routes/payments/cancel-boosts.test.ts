import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import type { Db } from "../../../src/db/client";
import { auditLogs, payments, speedBoosts } from "../../../src/db/schema";
import { runMonthlyBilling } from "../../../src/services/billing/monthly-billing";
import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { billingTenant, createPaymentVia, type PaymentView } from "./fixtures";

type Billed = Awaited<ReturnType<typeof billingTenant>>;
interface Invoice {
  status: string;
  lines: { kind: string; amount: number }[];
  total: number;
}

const MARCH_RUN = new Date("2026-03-05T03:00:00Z");
const APRIL_RUN = new Date("2026-04-05T03:00:00Z");

/** Runs `fn` on a system handle (seeding, billing runs, reading rows across tenants). */
async function asSystem<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { db, close } = testDb("system");
  return fn(db).finally(close);
}

/** A boost of `customerId` that expired in February (so March's run charges it), priced `price`. */
async function seedFebruaryBoost(db: Db, ctx: Billed, customerId: string, price: number): Promise<string> {
  const boostPlan = await seedPlan(db, ctx.tenant.id, { downloadMbps: 50, price: 300_000 });
  const [row] = await db
    .insert(speedBoosts)
    .values({
      tenantId: ctx.tenant.id,
      customerId,
      currentPlanId: ctx.plan.id,
      boostPlanId: boostPlan.id,
      durationDays: 7,
      price,
      status: "expired",
      startDate: new Date("2026-02-10T00:00:00Z"),
      endDate: new Date("2026-02-17T00:00:00Z"),
    })
    .returning({ id: speedBoosts.id });
  if (!row) throw new Error("no boost inserted");
  return row.id;
}

const boostPayment = (db: Db, id: string) =>
  db
    .select({ paymentId: speedBoosts.billedPaymentId })
    .from(speedBoosts)
    .where(eq(speedBoosts.id, id))
    .then((r) => r[0]?.paymentId);

async function periodPayment(db: Db, tenantId: string, customerId: string, period: string) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.customerId, customerId), eq(payments.period, period)));
  if (!row) throw new Error(`no ${period} payment`);
  return row;
}

const statusAudit = (db: Db, paymentId: string) =>
  db
    .select({ changes: auditLogs.changes })
    .from(auditLogs)
    .where(and(eq(auditLogs.entityId, paymentId), eq(auditLogs.action, "status_change")));

const cancel = (id: string, headers: Record<string, string>) =>
  api<PaymentView>(`/api/v1/payments/${id}/status`, { method: "PATCH", headers, body: { status: "cancelled" } });

group("PATCH /api/v1/payments/{id}/status → cancelled: the payment's speed boosts", () => {
  it("200: are released and charged by the next period's run; the cancelled invoice still adds up", async () => {
    const ctx = await billingTenant();
    const boostId = await asSystem((db) => seedFebruaryBoost(db, ctx, ctx.customer.id, 25_000));
    const march = await asSystem(async (db) => {
      await runMonthlyBilling(db, MARCH_RUN, { tenantId: ctx.tenant.id });
      return periodPayment(db, ctx.tenant.id, ctx.customer.id, "2026-03");
    });
    expect(march.amount).toBe(175_000);
    expect(await asSystem((db) => boostPayment(db, boostId))).toBe(march.id);

    const res = await cancel(march.id, ctx.headers);
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", amount: 175_000 });
    expect(await asSystem((db) => boostPayment(db, boostId))).toBeNull();
    expect(await asSystem((db) => statusAudit(db, march.id))).toEqual([
      { changes: { status: { old: "pending", new: "cancelled" }, billedBoosts: { old: [boostId], new: [] } } },
    ]);

    // The cancelled invoice: no boosts, one line for the amount as issued.
    const void_ = await api<Invoice>(`/api/v1/customers/${ctx.customer.id}/invoices/2026-03`, {
      headers: ctx.headers,
    });
    expect(void_.status, describe(void_)).toBe(200);
    expect(void_.body).toMatchObject({ status: "cancelled", total: 175_000 });
    expect(void_.body.lines.map((l) => `${l.kind}:${l.amount}`)).toEqual(["subscription:175000"]);

    // A re-issue by hand charges no boosts, like any manual payment.
    const again = await createPaymentVia(ctx.headers, {
      customerId: ctx.customer.id,
      amount: 150_000,
      period: "2026-03",
    });
    expect(again.invoiceNumber).toBe(`${march.invoiceNumber}-R1`);
    expect(await asSystem((db) => boostPayment(db, boostId))).toBeNull();

    const april = await asSystem(async (db) => {
      await runMonthlyBilling(db, APRIL_RUN, { tenantId: ctx.tenant.id });
      return periodPayment(db, ctx.tenant.id, ctx.customer.id, "2026-04");
    });
    expect(april.amount).toBe(175_000);
    expect(await asSystem((db) => boostPayment(db, boostId))).toBe(april.id);
    const aprilInvoice = await api<Invoice>(`/api/v1/customers/${ctx.customer.id}/invoices/2026-04`, {
      headers: ctx.headers,
    });
    expect(aprilInvoice.body.lines.map((l) => `${l.kind}:${l.amount}`)).toEqual([
      "subscription:150000",
      "speed_boost:25000",
    ]);
  });

  it("200: another payment's and another tenant's boosts stay charged", async () => {
    const mine = await billingTenant();
    const theirs = await billingTenant();
    const neighbour = await asSystem((db) =>
      seedCustomer(db, mine.tenant.id, mine.plan.id, { billingDay: 10, installationDate: "2025-01-01" }),
    );
    const [target, sameTenant, otherTenant] = await asSystem(async (db) => {
      const owners = [
        [mine, mine.customer.id],
        [mine, neighbour.id],
        [theirs, theirs.customer.id],
      ] as const;
      const boostIds: string[] = [];
      for (const [ctx, customerId] of owners) boostIds.push(await seedFebruaryBoost(db, ctx, customerId, 40_000));
      for (const ctx of [mine, theirs]) await runMonthlyBilling(db, MARCH_RUN, { tenantId: ctx.tenant.id });
      return Promise.all(
        owners.map(async ([ctx, customerId], i) => ({
          boostId: boostIds[i] ?? "",
          payment: await periodPayment(db, ctx.tenant.id, customerId, "2026-03"),
        })),
      );
    });
    if (!target || !sameTenant || !otherTenant) throw new Error("set-up incomplete");
    expect([target, sameTenant, otherTenant].map((c) => c.payment.amount)).toEqual([190_000, 190_000, 190_000]);

    const res = await cancel(target.payment.id, mine.headers);
    expect(res.status, describe(res)).toBe(200);
    expect(await asSystem((db) => boostPayment(db, target.boostId))).toBeNull();
    expect(await asSystem((db) => boostPayment(db, sameTenant.boostId))).toBe(sameTenant.payment.id);
    expect(await asSystem((db) => boostPayment(db, otherTenant.boostId))).toBe(otherTenant.payment.id);
  });

  it("200: a payment without boosts is cancelled as before, its audit row the status alone", async () => {
    const { customer, headers } = await billingTenant();
    const created = await createPaymentVia(headers, { customerId: customer.id, amount: 1000, period: "2026-03" });
    const res = await cancel(created.id, headers);
    expect(res.status, describe(res)).toBe(200);
    const { id, invoiceNumber, amount, period, dueDate } = created;
    expect(res.body).toMatchObject({ id, invoiceNumber, amount, period, dueDate, status: "cancelled" });
    expect(await asSystem((db) => statusAudit(db, created.id))).toEqual([
      { changes: { status: { old: "pending", new: "cancelled" } } },
    ]);
  });
});
