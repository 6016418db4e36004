import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { TICKET_PRIORITIES, TICKET_STATUSES, tickets } from "../../../src/db/schema";
import { CreateTicketBody } from "../../../src/routes/tickets/schema";
import type { TenantInfo } from "../../../src/services/context";
import { createTicket } from "../../../src/services/tickets/create";
import { listTickets } from "../../../src/services/tickets/list";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { seedUser, staffContext } from "../../support/network-seed";

/** Indonesia keeps no daylight saving: each zone is a fixed offset, an oracle independent of Intl. */
const ZONES = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 } as const;
type Zone = keyof typeof ZONES;

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;
let staffIds: string[];
let customerIds: string[];
const issued = new Set<string>();

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db);
  staffIds = [await seedUser(system.db, tenant.id, "technician"), await seedUser(system.db, tenant.id, "operator")];
  const plan = await seedPlan(system.db, tenant.id);
  customerIds = [
    (await seedCustomer(system.db, tenant.id, plan.id)).id,
    (await seedCustomer(system.db, tenant.id, plan.id)).id,
  ];
});

afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

const ctx = (timezone: string = tenant.timezone) =>
  staffContext({ ...tenant, timezone }, app.db, staffIds[0] as string, "technician");
const input = (customerId = customerIds[0] as string) => ({
  customerId,
  title: "Internet mati",
  description: "LOS merah",
  priority: "medium" as const,
});

describe("tickets", () => {
  // Property 30: Ticket Initial State
  test.prop(
    [
      fc.integer({ min: 1, max: 5 }),
      fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-12-31T23:59:59Z"), noInvalidDate: true }),
      fc.constantFrom(...(Object.keys(ZONES) as Zone[])),
    ],
    { numRuns: 100 },
  )("concurrently created tickets are open, numbered in the tenant's month, never twice", async (n, now, zone) => {
    const made = await Promise.all(Array.from({ length: n }, () => createTicket(ctx(zone), input(), now)));
    const month = new Date(now.getTime() + ZONES[zone] * 3_600_000).toISOString().slice(0, 7).replace("-", "");
    for (const t of made) {
      expect(t.status).toBe("open");
      expect(t.assignedTo).toBeNull();
      expect(t.resolvedAt).toBeNull();
      expect(t.ticketNumber).toMatch(new RegExp(`^TKT-${month}-\\d{4,}$`));
      expect(issued.has(t.ticketNumber), t.ticketNumber).toBe(false);
      issued.add(t.ticketNumber);
    }
  });

  // Property 9: Required Field Validation
  test.prop([fc.subarray(["customerId", "title", "description"] as const, { minLength: 1 })], { numRuns: 100 })(
    "a ticket body missing any required field is rejected, naming the field",
    (missing) => {
      const body: Record<string, unknown> = { ...input() };
      for (const k of missing) delete body[k];
      const parsed = CreateTicketBody.safeParse(body);
      expect(parsed.success).toBe(false);
      const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
      for (const k of missing) expect(paths).toContain(k);
    },
  );

  const spec = fc.record({
    status: fc.constantFrom(...TICKET_STATUSES),
    priority: fc.constantFrom(...TICKET_PRIORITIES),
    customer: fc.nat({ max: 1 }),
    assignee: fc.nat({ max: 2 }),
  });
  const pick = <T>(xs: readonly T[]) => fc.option(fc.constantFrom(...xs), { nil: undefined });

  // Property 12: Filter Result Accuracy
  test.prop(
    [fc.array(spec, { maxLength: 6 }), pick(TICKET_STATUSES), pick(TICKET_PRIORITIES), pick([0, 1]), pick([0, 1])],
    {
      numRuns: 100,
    },
  )(
    "listing with status/priority/customer/assignee filters returns exactly the matching tickets",
    async (specs, status, priority, c, a) => {
      const tag = `X${crypto.randomUUID().slice(0, 8)}`;
      const assigneeOf = (i: number) => staffIds[i] ?? null;
      if (specs.length > 0) {
        await system.db.insert(tickets).values(
          specs.map((s, i) => ({
            tenantId: tenant.id,
            customerId: customerIds[s.customer] as string,
            ticketNumber: `${tag}-${i}`,
            title: "Gangguan",
            description: "x",
            status: s.status,
            priority: s.priority,
            assignedTo: assigneeOf(s.assignee),
          })),
        );
      }
      const customerId = c === undefined ? undefined : customerIds[c];
      const assignedTo = a === undefined ? undefined : (assigneeOf(a) ?? undefined);
      const page = await listTickets(ctx(), {
        page: 1,
        limit: 100,
        search: tag,
        status,
        priority,
        customerId,
        assignedTo,
      });
      const expected = specs.filter(
        (s) =>
          (!status || s.status === status) &&
          (!priority || s.priority === priority) &&
          (!customerId || customerIds[s.customer] === customerId) &&
          (!assignedTo || assigneeOf(s.assignee) === assignedTo),
      );
      expect(page.meta.total).toBe(expected.length);
      for (const t of page.data) {
        if (status) expect(t.status).toBe(status);
        if (priority) expect(t.priority).toBe(priority);
        if (customerId) expect(t.customerId).toBe(customerId);
        if (assignedTo) expect(t.assignedTo).toBe(assignedTo);
      }
    },
  );
});
