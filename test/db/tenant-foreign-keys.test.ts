import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connectors, customers, devices, servicePlans, tickets } from "../../src/db/schema";
import { testDb } from "../support/db";
import { createTestTenant } from "../support/harness";
import { seedConnector, seedUser } from "../support/network-seed";

type Fk = {
  name: string;
  from_table: string;
  to_table: string;
  from_columns: string[];
  to_columns: string[];
};

/**
 * Every foreign key between two tenant tables (tables with a tenant_id column), read from
 * pg_constraint: a single-column key would let a row point at another tenant's row.
 */
const TENANT_FKS = sql`
  with tenant_tables as (
    select c.oid from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where c.relkind in ('r', 'p')
  )
  select con.conname as name, con.conrelid::regclass::text as from_table, con.confrelid::regclass::text as to_table,
    array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i)
          join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as from_columns,
    array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i)
          join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as to_columns
  from pg_constraint con
  where con.contype = 'f'
    and con.conrelid in (select oid from tenant_tables)
    and con.confrelid in (select oid from tenant_tables)
  order by 2, 1`;

describe("foreign keys between tenant tables", () => {
  it("every one pairs tenant_id with tenant_id, so no row can reference another tenant's row", async () => {
    const { db, close } = testDb("system");
    try {
      const { rows } = await db.execute<Fk>(TENANT_FKS);
      expect(rows.length).toBeGreaterThan(5);
      const single = rows.filter((fk) => {
        const i = fk.from_columns.indexOf("tenant_id");
        return i < 0 || fk.to_columns[i] !== "tenant_id";
      });
      expect(
        single.map((fk) => `${fk.from_table}.${fk.from_columns.join(",")} -> ${fk.to_table} (${fk.name})`),
      ).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** The SQLSTATE in a drizzle error's cause chain. */
async function sqlstateOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    let cur: unknown = err;
    while (cur && typeof cur === "object") {
      const code = (cur as { code?: unknown }).code;
      if (typeof code === "string") return code;
      cur = (cur as { cause?: unknown }).cause;
    }
    throw err;
  }
}

describe("a row cannot reference another tenant's row, even through the privileged role", () => {
  it("customers' plan, devices' connector and tickets' assignee of another tenant are refused (23503)", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const { db, close } = testDb("system");
    try {
      const [planB] = await db
        .insert(servicePlans)
        .values({ tenantId: b.id, name: "B plan", speedDownloadMbps: 10, speedUploadMbps: 5, price: 100_000 })
        .returning({ id: servicePlans.id });
      const connectorB = await seedConnector(db, b.id);
      const userB = await seedUser(db, b.id);
      const customer = {
        tenantId: a.id,
        customerCode: `x-${crypto.randomUUID()}`,
        name: "Pelanggan",
        phone: "081234567890",
        address: "Jl. Mawar 1",
        servicePlanId: planB?.id as string,
        monthlyFee: 100_000,
      };
      expect(await sqlstateOf(db.insert(customers).values(customer))).toBe("23503");
      const device = { tenantId: a.id, name: "OLT", type: "olt" as const, ipAddress: "10.0.0.2" };
      expect(await sqlstateOf(db.insert(devices).values({ ...device, connectorId: connectorB }))).toBe("23503");
      const [planA] = await db
        .insert(servicePlans)
        .values({ tenantId: a.id, name: "A plan", speedDownloadMbps: 10, speedUploadMbps: 5, price: 100_000 })
        .returning({ id: servicePlans.id });
      const [customerA] = await db
        .insert(customers)
        .values({ ...customer, servicePlanId: planA?.id as string })
        .returning({ id: customers.id });
      const ticket = {
        tenantId: a.id,
        customerId: customerA?.id as string,
        ticketNumber: `T-${crypto.randomUUID()}`,
        title: "x",
        description: "y",
      };
      expect(await sqlstateOf(db.insert(tickets).values({ ...ticket, assignedTo: userB }))).toBe("23503");
      // The same rows within tenant B are accepted.
      expect(await sqlstateOf(db.insert(tickets).values(ticket))).toBeUndefined();
      expect(await sqlstateOf(db.insert(customers).values({ ...customer, tenantId: b.id }))).toBeUndefined();
      expect(
        await sqlstateOf(db.insert(devices).values({ ...device, tenantId: b.id, connectorId: connectorB })),
      ).toBeUndefined();
    } finally {
      await close();
    }
  });

  it("deleting a referenced connector still nulls only the reference (SET NULL (connector_id)), never tenant_id", async () => {
    const t = await createTestTenant();
    const { db, close } = testDb("system");
    try {
      const connector = await seedConnector(db, t.id);
      const [device] = await db
        .insert(devices)
        .values({ tenantId: t.id, name: "OLT", type: "olt", ipAddress: "10.0.0.3", connectorId: connector })
        .returning({ id: devices.id });
      await db.delete(connectors).where(eq(connectors.id, connector));
      const [after] = await db
        .select()
        .from(devices)
        .where(eq(devices.id, device?.id as string));
      expect(after).toMatchObject({ tenantId: t.id, connectorId: null });
    } finally {
      await close();
    }
  });
});
