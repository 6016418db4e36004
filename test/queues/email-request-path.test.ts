import { expect, it } from "vitest";
import { api, describe } from "../support/api";
import { seedCustomer, seedPlan } from "../support/billing-seed";
import { testDb } from "../support/db";
import { createTestTenant, loginAs } from "../support/harness";
import { waitForMail } from "../support/jobs";

/**
 * The whole path with nothing faked: a request's committed event → the email rules (publisher in
 * middleware/init.ts) → the real `jobs` queue → the Worker's queue consumer → nodemailer → the
 * local SMTP server.
 */
it("an invoice created through the API reaches the customer's mailbox, in the tenant's language", async () => {
  const tenant = await createTestTenant();
  const admin = await loginAs(tenant, "admin");
  const email = `pelanggan-${crypto.randomUUID()}@example.test`;
  const { db, close } = testDb("system");
  const plan = await seedPlan(db, tenant.id);
  const customer = await seedCustomer(db, tenant.id, plan.id, { email, name: "Siti <Rahayu>" });
  await close();

  const res = await api<{ invoiceNumber: string }>("/api/v1/payments", {
    headers: admin.headers,
    body: { customerId: customer.id, amount: 175_000, period: "2026-12" },
  });
  expect(res.status, describe(res)).toBe(201);

  const mail = await waitForMail(email);
  expect(mail).toHaveLength(1);
  expect(mail[0]?.subject).toBe(`Tagihan baru ${res.body.invoiceNumber}`);
  expect(mail[0]?.html).toContain("Siti &lt;Rahayu&gt;");
  expect(mail[0]?.text).toContain("Rp 175.000");
});
