import { expect } from "vitest";
import type { DbOrTx } from "../../../src/db/client";
import { customers, servicePlans, speedBoosts } from "../../../src/db/schema";
import { api, describe } from "../../support/api";

export interface BoostBody {
  id: string;
  customerId: string;
  currentPlanId: string;
  boostPlanId: string;
  durationDays: number;
  price: number;
  status: string;
  requestDate: string;
  startDate: string | null;
  endDate: string | null;
  notes: string | null;
  rejectionReason: string | null;
  approvedBy: string | null;
}

export async function requestBoost(
  headers: Record<string, string>,
  customerId: string,
  boostPlanId: string,
  durationDays = 7,
): Promise<BoostBody> {
  const res = await api<BoostBody>("/api/v1/speed-boosts", {
    headers,
    body: { customerId, boostPlanId, durationDays },
  });
  expect(res.status, describe(res)).toBe(201);
  return res.body;
}

/**
 * A customer row inserted directly (system handle), for properties about what happens after
 * sign-up: faster than going through the API for every run.
 */
export async function insertCustomer(
  db: DbOrTx,
  tenantId: string,
  servicePlanId: string,
  over: { name?: string; status?: "active" | "suspended" | "terminated" } = {},
): Promise<string> {
  const tag = crypto.randomUUID();
  const [row] = await db
    .insert(customers)
    .values({
      tenantId,
      customerCode: `SEED-${tag}`,
      name: over.name ?? "Pelanggan Uji",
      status: over.status ?? "active",
      phone: "+6281234567890",
      address: "Jl. Uji 1",
      servicePlanId,
      monthlyFee: 100_000,
    })
    .returning({ id: customers.id });
  if (!row) throw new Error("no customer inserted");
  return row.id;
}

export async function insertPlan(
  db: DbOrTx,
  tenantId: string,
  over: { speedDownloadMbps?: number; price?: number } = {},
): Promise<string> {
  const [row] = await db
    .insert(servicePlans)
    .values({
      tenantId,
      name: `seed-${crypto.randomUUID()}`,
      speedDownloadMbps: over.speedDownloadMbps ?? 10,
      speedUploadMbps: 5,
      price: over.price ?? 100_000,
    })
    .returning({ id: servicePlans.id });
  if (!row) throw new Error("no plan inserted");
  return row.id;
}

/** A pending boost row inserted directly, for properties about approving and rejecting. */
export async function insertPendingBoost(
  db: DbOrTx,
  tenantId: string,
  customerId: string,
  plans: { current: string; boost: string },
  durationDays: number,
): Promise<string> {
  const [row] = await db
    .insert(speedBoosts)
    .values({
      tenantId,
      customerId,
      currentPlanId: plans.current,
      boostPlanId: plans.boost,
      durationDays,
      price: 1000,
    })
    .returning({ id: speedBoosts.id });
  if (!row) throw new Error("no boost inserted");
  return row.id;
}
