import { exports } from "cloudflare:workers";
import { expect, describe as group, it } from "vitest";
import { infrastructureItems, tickets } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { csvRecords, parseCsv } from "../../support/csv";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";

const ENTITIES = ["customers", "payments", "tickets", "infrastructure-items", "audit-logs"] as const;

async function exportTenant() {
  const tenant = await createTestTenant();
  const { db, close } = testDb("system");
  try {
    const plan = await seedPlan(db, tenant.id);
    const c = await seedCustomer(db, tenant.id, plan.id, {
      name: '=HYPERLINK("http://evil.example","klik")',
      address: "Jl. Mawar 1, RT 03/RW 05\nCibubur",
      pppoeUsername: "siti01",
      pppoePasswordEnc: "v1.secret-ciphertext",
    });
    await seedCustomer(db, tenant.id, plan.id, { name: "Dihapus", deletedAt: new Date() });
    await db.insert(tickets).values({
      tenantId: tenant.id,
      customerId: c.id,
      ticketNumber: "TKT-1",
      title: "Mati",
      description: "Putus",
    });
    await db.insert(infrastructureItems).values([
      {
        tenantId: tenant.id,
        name: "Kabel FO",
        type: "cable",
        unit: "meter",
        quantity: 100,
        createdAt: new Date("2026-03-01T17:30:00Z"),
      },
      {
        tenantId: tenant.id,
        name: "Kabel UTP",
        type: "cable",
        unit: "meter",
        quantity: 5,
        createdAt: new Date("2026-03-02T16:59:00Z"),
      },
      {
        tenantId: tenant.id,
        name: "Konektor",
        type: "connector",
        unit: "piece",
        quantity: 9,
        createdAt: new Date("2026-03-02T17:00:00Z"),
      },
    ]);
  } finally {
    await close();
  }
  return tenant;
}

group("GET /api/v1/exports/{entity}.csv", () => {
  it("200: every entity streams as UTF-8 CSV with a BOM, a header row and an attachment name", async () => {
    const tenant = await exportTenant();
    const { headers } = await loginAs(tenant, "admin");
    for (const entity of ENTITIES) {
      const res = await exports.default.fetch(`http://api.test/api/v1/exports/${entity}.csv`, { headers });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
      expect(res.status, `${entity}: ${text.slice(0, 300)}`).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(
        new RegExp(`^attachment; filename="${entity}-${tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
      );
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(parseCsv(text)[0]).toContain("created_at");
    }
  });

  it("200: customers without secrets or deleted rows, formula text neutralised, line breaks kept", async () => {
    const tenant = await exportTenant();
    const { headers } = await loginAs(tenant, "viewer");
    const res = await api<string>("/api/v1/exports/customers.csv", { headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.headers.get("x-export-omitted-columns")).toBe("pppoe_password_enc");
    expect(res.text).not.toContain("secret-ciphertext");
    const rows = csvRecords(res.text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: `'=HYPERLINK("http://evil.example","klik")`,
      address: "Jl. Mawar 1, RT 03/RW 05\nCibubur",
      pppoe_username: "siti01",
    });
    expect(Object.keys(rows[0] ?? {})).not.toContain("pppoe_password_enc");
    expect(Object.keys(rows[0] ?? {})).not.toContain("tenant_id");
  });

  it("200: from/to are inclusive local days of created_at (Asia/Jakarta)", async () => {
    const tenant = await exportTenant();
    const { headers } = await loginAs(tenant, "operator");
    const names = async (query: string) => {
      const res = await api<string>(`/api/v1/exports/infrastructure-items.csv?${query}`, { headers });
      expect(res.status, describe(res)).toBe(200);
      return csvRecords(res.text).map((r) => r.name);
    };
    // 2026-03-01T17:30Z is 03-02 00:30 in Jakarta; 03-02T16:59Z is 03-02 23:59; 03-02T17:00Z is 03-03.
    expect(await names("from=2026-03-02&to=2026-03-02")).toEqual(["Kabel FO", "Kabel UTP"]);
    expect(await names("from=2026-03-03")).toEqual(["Konektor"]);
    expect(await names("to=2026-03-01")).toEqual([]);
  });

  it("200: a large export streams in chunks, complete and without repeats (rows sharing one created_at)", async () => {
    const tenant = await createTestTenant();
    const { db, close } = testDb("system");
    const n = 1201;
    try {
      // One statement: every row gets the same now(), so only the id tie-break orders them.
      await db.insert(infrastructureItems).values(
        Array.from({ length: n }, (_, i) => ({
          tenantId: tenant.id,
          name: `Item ${i}`,
          type: "tools" as const,
          unit: "piece" as const,
          quantity: 1,
        })),
      );
    } finally {
      await close();
    }
    const { headers } = await loginAs(tenant, "admin");
    const res = await api<string>("/api/v1/exports/infrastructure-items.csv", { headers });
    expect(res.status, describe(res)).toBe(200);
    const names = csvRecords(res.text).map((r) => r.name);
    expect(names).toHaveLength(n);
    expect(new Set(names).size).toBe(n);
  });

  it("400: a malformed or inverted range", async () => {
    const tenant = await createTestTenant();
    const { headers } = await loginAs(tenant, "admin");
    for (const query of ["from=2026-02-30", "to=yesterday", "from=2026-03-02&to=2026-03-01"]) {
      const res = await api(`/api/v1/exports/payments.csv?${query}`, { headers });
      expect(res.status, `${query}: ${describe(res)}`).toBe(400);
    }
  });

  it("401: without a token", async () => {
    const res = await api("/api/v1/exports/customers.csv");
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: a technician may not export; only an admin may export the audit log", async () => {
    const tenant = await createTestTenant();
    const technician = await loginAs(tenant, "technician");
    const tech = await api("/api/v1/exports/tickets.csv", { headers: technician.headers });
    expect(tech.status, describe(tech)).toBe(403);
    for (const role of ["operator", "viewer"] as const) {
      const res = await api("/api/v1/exports/audit-logs.csv", { headers: (await loginAs(tenant, role)).headers });
      expect(res.status, `${role}: ${describe(res)}`).toBe(403);
    }
  });

  it("404: an entity that is not exportable", async () => {
    const tenant = await createTestTenant();
    const { headers } = await loginAs(tenant, "admin");
    for (const path of ["users.csv", "customers.json", "mikrotik-routers.csv"]) {
      const res = await api(`/api/v1/exports/${path}`, { headers });
      expect(res.status, `${path}: ${describe(res)}`).toBe(404);
    }
  });
});
