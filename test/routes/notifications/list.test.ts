import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { notifications } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

interface Page {
  data: { id: string; recipient: string; status: string; attempts: number; lastError: string | null }[];
  meta: { total: number };
}

let tenant: TestTenant & { remove(): Promise<void> };
let admin: Record<string, string>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  tenant = await createTestTenant({ keep: true });
  admin = (await loginAs(tenant, "admin")).headers;
  const { db, close } = testDb("system");
  const rows = await db
    .insert(notifications)
    .values([
      { tenantId: tenant.id, template: "payment_overdue", recipient: "siti@example.test", status: "sent", attempts: 1 },
      {
        tenantId: tenant.id,
        template: "ticket_created",
        recipient: "budi@example.test",
        status: "failed",
        attempts: 3,
        lastError: "451 4.3.0 Try again later",
      },
    ])
    .returning();
  for (const r of rows) ids[r.recipient] = r.id;
  await close();
});
afterAll(() => tenant.remove());

group("GET /api/v1/notifications", () => {
  it("200: the delivery log, filtered by status, template and recipient search", async () => {
    const all = await api<Page>("/api/v1/notifications", { headers: admin });
    expect(all.status, describe(all)).toBe(200);
    expect(all.body.meta.total).toBe(2);
    const failed = await api<Page>("/api/v1/notifications?status=failed", { headers: admin });
    expect(failed.body.data).toEqual([
      expect.objectContaining({ id: ids["budi@example.test"], attempts: 3, lastError: "451 4.3.0 Try again later" }),
    ]);
    const byTemplate = await api<Page>("/api/v1/notifications?template=payment_overdue", { headers: admin });
    expect(byTemplate.body.data.map((n) => n.recipient)).toEqual(["siti@example.test"]);
    const search = await api<Page>("/api/v1/notifications?search=BUDI", { headers: admin });
    expect(search.body.data.map((n) => n.recipient)).toEqual(["budi@example.test"]);
  });

  it("400: an unknown status or template", async () => {
    for (const q of ["status=bounced", "template=nope", "limit=500"]) {
      const res = await api(`/api/v1/notifications?${q}`, { headers: admin });
      expect(res.status, `${q}: ${describe(res)}`).toBe(400);
    }
  });
});

runCommonRouteTests({ method: "GET", path: "/api/v1/notifications", permission: "notifications:read" });
