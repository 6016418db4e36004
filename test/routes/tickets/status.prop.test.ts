import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { TICKET_STATUSES } from "../../../src/db/schema";
import type { TenantInfo } from "../../../src/services/context";
import { ConflictError } from "../../../src/services/errors";
import { createTicket } from "../../../src/services/tickets/create";
import { getTicket } from "../../../src/services/tickets/get";
import { updateTicketStatus } from "../../../src/services/tickets/update-status";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { seedUser, staffContext } from "../../support/network-seed";

const ORDER = ["open", "in_progress", "resolved", "closed"] as const;

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;
let staffId: string;
let customerId: string;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db);
  staffId = await seedUser(system.db, tenant.id, "technician");
  const plan = await seedPlan(system.db, tenant.id);
  customerId = (await seedCustomer(system.db, tenant.id, plan.id)).id;
});

afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

const ctx = () => staffContext(tenant, app.db, staffId, "technician");
const input = () => ({
  customerId,
  title: "Internet mati",
  description: "LOS merah",
  priority: "medium" as const,
});

describe("ticket status", () => {
  // Property 31: Ticket Status Transition Validation
  test.prop([fc.array(fc.constantFrom(...TICKET_STATUSES), { minLength: 1, maxLength: 6 })], { numRuns: 100 })(
    "a status change succeeds iff it is the next step of the chain (or the current status); else 409 and nothing changes",
    async (targets) => {
      const t = await createTicket(ctx(), input());
      let model: (typeof ORDER)[number] = "open";
      for (const target of targets) {
        const next: string | undefined = ORDER[ORDER.indexOf(model) + 1];
        const attempt = updateTicketStatus(ctx(), t.id, { status: target });
        if (target === model || target === next) {
          expect((await attempt).status).toBe(target);
          model = target;
        } else {
          await expect(attempt).rejects.toBeInstanceOf(ConflictError);
        }
        expect((await getTicket(ctx(), t.id)).status).toBe(model);
      }
    },
  );

  // Property 32: Resolution Timestamp Recording
  test.prop([fc.boolean()], { numRuns: 100 })(
    "resolving stamps resolved_at with the current time, and closing keeps it",
    async (close) => {
      const t = await createTicket(ctx(), input());
      await updateTicketStatus(ctx(), t.id, { status: "in_progress" });
      expect((await getTicket(ctx(), t.id)).resolvedAt).toBeNull();
      const before = Date.now();
      const resolved = await updateTicketStatus(ctx(), t.id, { status: "resolved" });
      const after = Date.now();
      const at = Date.parse(resolved.resolvedAt ?? "");
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
      expect(resolved.closedAt).toBeNull();
      if (close) {
        const closed = await updateTicketStatus(ctx(), t.id, { status: "closed" });
        expect(closed.resolvedAt).toBe(resolved.resolvedAt);
        expect(Date.parse(closed.closedAt ?? "")).toBeGreaterThanOrEqual(at);
      }
    },
  );
});
