import type { Role } from "../../../src/services/context";
import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";

export const MISSING = "00000000-0000-4000-8000-000000000000";

export interface PaymentView {
  id: string;
  invoiceNumber: string;
  customerId: string;
  period: string | null;
  amount: number;
  dueDate: string;
  paymentDate: string | null;
  status: string;
  paymentMethod: string | null;
}

/**
 * A test tenant with one plan and one customer (billing day 10, installed in 2025 so the billing
 * run bills it for any period the tests pick), and a signed-in user.
 */
export async function billingTenant(role: Role = "admin", opts: { timezone?: string } = {}) {
  const tenant = await createTestTenant(opts);
  const { db, close } = testDb("system");
  try {
    const plan = await seedPlan(db, tenant.id);
    const customer = await seedCustomer(db, tenant.id, plan.id, { billingDay: 10, installationDate: "2025-01-01" });
    const session = await loginAs(tenant, role);
    return { tenant, plan, customer, headers: session.headers };
  } finally {
    await close();
  }
}

export async function createPaymentVia(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await api<PaymentView>("/api/v1/payments", { headers, body });
  if (res.status !== 201) throw new Error(`create payment failed: ${describe(res)}`);
  return res.body;
}

export async function headersFor(tenant: TestTenant, role: Role) {
  return (await loginAs(tenant, role)).headers;
}
