import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type Customer, customers, mikrotikRouters } from "../../db/schema";
import { DuplicateError, InvalidInputError, NotFoundError } from "../errors";
import { findPlanInTenant } from "../service-plans/internal";

/** Fetch-or-throw a live customer: 404 for unknown, soft-deleted and other tenants' ids alike. */
export async function getCustomerInTenant(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<Customer> {
  const query = db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), isNull(customers.deletedAt)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("customer", id);
  return row;
}

/**
 * A plan referenced from a request body (Property 13): it must be a plan of this tenant — another
 * tenant's id is as unknown as a random one — and on sale. A bad reference in a body is a 400
 * naming the field; 404 is kept for the resource in the path.
 */
export async function requireSellablePlan(db: DbOrTx, tenantId: string, planId: string, field: string) {
  const plan = await findPlanInTenant(db, tenantId, planId);
  if (!plan) throw new InvalidInputError(`Service plan ${planId} does not exist`, field);
  if (!plan.isActive) throw new InvalidInputError(`Service plan ${plan.name} is retired`, field);
  return plan;
}

export async function requireRouterInTenant(db: DbOrTx, tenantId: string, routerId: string): Promise<void> {
  const [row] = await db
    .select({ id: mikrotikRouters.id })
    .from(mikrotikRouters)
    .where(and(eq(mikrotikRouters.tenantId, tenantId), eq(mikrotikRouters.id, routerId)))
    .limit(1);
  if (!row) throw new InvalidInputError(`Router ${routerId} does not exist`, "routerId");
}

/** Coordinates come in pairs: a point needs both. */
export function requireCoordinatePair(lat: number | null, lng: number | null): void {
  if ((lat === null) !== (lng === null)) {
    throw new InvalidInputError(
      "latitude and longitude must be given together",
      lat === null ? "latitude" : "longitude",
    );
  }
}

/**
 * The next customer number of the tenant, by the counter upsert (see the schema): the row lock
 * serialises concurrent creations until commit, so codes are unique without retries (Property 8).
 */
export async function allocateCustomerCode(tx: DbOrTx, tenantId: string): Promise<string> {
  const rows = await tx.execute<{ n: number }>(sql`
    insert into customer_code_counters (tenant_id, next_value) values (${tenantId}, 2)
    on conflict (tenant_id) do update set next_value = customer_code_counters.next_value + 1
    returning next_value - 1 as n`);
  const n = Number(rows.rows[0]?.n);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error("customer code counter returned no value");
  return formatCustomerCode(n);
}

/** `CUST-000123`: six digits, growing past a million without breaking. */
export function formatCustomerCode(n: number): string {
  return `CUST-${String(n).padStart(6, "0")}`;
}

/** The unique index a Postgres error names, if it is a unique violation (drizzle wraps the cause). */
export function violatedUniqueIndex(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const e = cur as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (e.code === "23505") return typeof e.constraint === "string" ? e.constraint : "";
    cur = e.cause;
  }
  return undefined;
}

/** Maps a lost race on the PPPoE username index to the same 409 the pre-check gives. */
export function rethrowPppoeDuplicate(err: unknown, username: string | null | undefined): never {
  if (violatedUniqueIndex(err) === "customers_tenant_pppoe_username_key") {
    throw new DuplicateError("customer", "pppoeUsername", username ?? "");
  }
  throw err;
}

export async function requirePppoeUsernameFree(db: DbOrTx, tenantId: string, username: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.pppoeUsername, username), isNull(customers.deletedAt)))
    .limit(1);
  if (taken && taken.id !== exceptId) throw new DuplicateError("customer", "pppoeUsername", username);
}
