import { expect } from "vitest";
import { api, describe } from "../../support/api";

export interface CustomerBody {
  id: string;
  customerCode: string;
  name: string;
  email: string | null;
  phone: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  servicePlanId: string;
  effectivePlanId: string | null;
  routerId: string | null;
  status: "active" | "suspended" | "terminated";
  installationDate: string | null;
  billingDay: number;
  monthlyFee: number;
  notes: string | null;
  pppoeUsername: string | null;
  hasPppoePassword: boolean;
  provisioningState: string;
  createdAt: string;
}

let seq = 0;
/** A valid, unique-enough Indonesian mobile number in the local `08…` form. */
export function mobile(): string {
  seq += 1;
  return `0812${String(Date.now() % 1_000_000).padStart(6, "0")}${String(seq % 100).padStart(2, "0")}`;
}

/** Creates a customer through the API; fails the test otherwise. */
export async function createCustomer(
  headers: Record<string, string>,
  servicePlanId: string,
  over: Record<string, unknown> = {},
): Promise<CustomerBody> {
  const res = await api<CustomerBody>("/api/v1/customers", {
    headers,
    body: { name: "Siti Aminah", phone: mobile(), address: "Jl. Mawar No. 12", servicePlanId, ...over },
  });
  expect(res.status, describe(res)).toBe(201);
  return res.body;
}

/**
 * A customer without the fields the provisioner writes after commit (state, error, attempt time):
 * they change asynchronously, so a before/after comparison of business data leaves them out.
 */
export function businessFields<T extends object>(customer: T): Omit<T, `provisioning${string}`> {
  return Object.fromEntries(Object.entries(customer).filter(([k]) => !k.startsWith("provisioning"))) as Omit<
    T,
    `provisioning${string}`
  >;
}
