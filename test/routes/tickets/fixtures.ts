import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { type NetworkTenants, networkTenants } from "../../support/network-seed";

export interface TicketBody {
  id: string;
  ticketNumber: string;
  customerId: string;
  customerCode: string;
  title: string;
  description: string;
  status: string;
  priority: string;
  assignedTo: string | null;
  assigneeName: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface TicketTenants extends NetworkTenants {
  customerId: string;
  theirCustomerId: string;
}

/** Two tenants with a customer each (seeded directly: the customers API is another team's). */
export async function ticketTenants(): Promise<TicketTenants> {
  const fx = await networkTenants();
  const { db, close } = testDb("system");
  try {
    const plan = await seedPlan(db, fx.tenant.id);
    const theirPlan = await seedPlan(db, fx.other.id);
    const customer = await seedCustomer(db, fx.tenant.id, plan.id);
    const theirs = await seedCustomer(db, fx.other.id, theirPlan.id);
    return { ...fx, customerId: customer.id, theirCustomerId: theirs.id };
  } finally {
    await close();
  }
}

export async function openTicket(
  headers: Record<string, string>,
  customerId: string,
  extra: Record<string, unknown> = {},
): Promise<TicketBody> {
  const res = await api<TicketBody>("/api/v1/tickets", {
    headers,
    body: { customerId, title: "Internet mati", description: "LOS merah sejak pagi", ...extra },
  });
  if (res.status !== 201) throw new Error(`open ticket failed: ${describe(res)}`);
  return res.body;
}

export const ticketPath = (id: string, rest = "") => `/api/v1/tickets/${id}${rest}`;
