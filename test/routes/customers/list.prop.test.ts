import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { api, describe as show } from "../../support/api";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { createPlan, type Page, type PlanBody } from "../service-plans/fixtures";
import { type CustomerBody, createCustomer } from "./fixtures";

/**
 * One tenant with a fixed, varied population (names with LIKE wildcards, emails or none, phones,
 * statuses, plans, installation dates or none); each run is one random query against it, checked
 * against the same query evaluated in memory — soundness and completeness.
 */
const NAMES = ["Siti Aminah", "Budi_Santoso", "Dewi 100%", "Agus \\ Salim", "Rina-Wati", "Joko", "Ani Ani", "Wayan"];
const STATUSES = ["active", "suspended", "terminated"] as const;
const SIZE = 24;

let tenant: TestTenant & { remove(): Promise<void> };
let headers: Record<string, string>;
let plans: PlanBody[] = [];
const people: CustomerBody[] = [];

beforeAll(async () => {
  tenant = await createTestTenant({ keep: true });
  headers = (await loginAs(tenant)).headers;
  plans = [await createPlan(headers), await createPlan(headers), await createPlan(headers)];
  for (let i = 0; i < SIZE; i++) {
    const c = await createCustomer(headers, plans[i % 3]?.id ?? "", {
      name: `${NAMES[i % NAMES.length]} ${i}`,
      phone: `08${i % 2 ? "13" : "57"}${String(1_000_000 + i * 7919).padStart(8, "0")}`,
      ...(i % 3 ? { email: `user${i}@${i % 2 ? "warung" : "rumah"}.id` } : {}),
      // Issue 11: a username typed by hand, unlike any other field (else the generated cust-<n>).
      ...(i % 2 ? { pppoeUsername: `rw${i}.pop_Timur` } : {}),
      ...(i % 4
        ? { installationDate: `2026-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}` }
        : {}),
    });
    const status = STATUSES[(i * 5) % 3] ?? "active";
    if (status !== "active") {
      const res = await api<CustomerBody>(`/api/v1/customers/${c.id}/status`, {
        method: "PATCH",
        headers,
        body: { status },
      });
      expect(res.status, show(res)).toBe(200);
      people.push(res.body);
    } else {
      people.push(c);
    }
  }
});

afterAll(async () => {
  await tenant.remove();
});

async function query(q: Record<string, string | number | undefined>): Promise<Page<CustomerBody>> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  const res = await api<Page<CustomerBody>>(`/api/v1/customers?${params}`, { headers });
  expect(res.status, show(res)).toBe(200);
  return res.body;
}

const sorted = (ids: string[]) => [...ids].sort();

function matchesSearch(c: CustomerBody, term: string): boolean {
  const t = term.toLowerCase();
  const fields = [c.name, c.customerCode, c.phone, c.email ?? "", c.pppoeUsername ?? ""].map((f) => f.toLowerCase());
  if (fields.some((f) => f.includes(t))) return true;
  return /^0\d+$/.test(term) && c.phone.startsWith(`+62${term.slice(1)}`);
}

const filters = fc.record(
  {
    status: fc.constantFrom(...STATUSES),
    plan: fc.constantFrom(0, 1, 2),
    from: fc.integer({ min: 1, max: 12 }),
    to: fc.integer({ min: 1, max: 12 }),
  },
  { requiredKeys: [] },
);

function toQuery(f: { status?: string; plan?: number; from?: number; to?: number }) {
  const [lo, hi] = f.from !== undefined && f.to !== undefined && f.from > f.to ? [f.to, f.from] : [f.from, f.to];
  return {
    status: f.status,
    servicePlanId: f.plan === undefined ? undefined : plans[f.plan]?.id,
    installedFrom: lo === undefined ? undefined : `2026-${String(lo).padStart(2, "0")}-01`,
    installedTo: hi === undefined ? undefined : `2026-${String(hi).padStart(2, "0")}-28`,
  };
}

function matchesFilter(c: CustomerBody, q: ReturnType<typeof toQuery>): boolean {
  if (q.status && c.status !== q.status) return false;
  if (q.servicePlanId && c.servicePlanId !== q.servicePlanId) return false;
  if (q.installedFrom && (c.installationDate === null || c.installationDate < q.installedFrom)) return false;
  if (q.installedTo && (c.installationDate === null || c.installationDate > q.installedTo)) return false;
  return true;
}

/** Search terms: pieces of real field values (any case), or short strings of awkward characters. */
const term = fc.oneof(
  fc
    .record({
      who: fc.integer({ min: 0, max: SIZE - 1 }),
      field: fc.constantFrom("name", "customerCode", "phone", "email", "pppoeUsername", "local"),
      start: fc.nat(),
      len: fc.integer({ min: 1, max: 8 }),
      upper: fc.boolean(),
    })
    .map(({ who, field, start, len, upper }) => {
      const c = people[who];
      if (!c) return "x";
      const value = field === "local" ? `0${c.phone.slice(3)}` : String(c[field as keyof CustomerBody] ?? "");
      const from = value.length ? start % value.length : 0;
      const piece = field === "local" ? value.slice(0, 1 + len) : value.slice(from, from + len);
      return upper ? piece.toUpperCase() : piece;
    }),
  fc.string({
    unit: fc.constantFrom("a", "i", "%", "_", "\\", " ", "-", "0", "8", "+", "@", ".", "1"),
    minLength: 1,
    maxLength: 4,
  }),
);

describe("customer list properties", () => {
  // Property 10: Pagination Consistency
  test.prop([fc.integer({ min: 5, max: 30 }), filters], { numRuns: 100 })(
    "walking every page yields each matching customer exactly once, and as many as meta.total says",
    async (limit, f) => {
      const q = toQuery(f);
      const first = await query({ ...q, limit, page: 1 });
      const { total, totalPages } = first.meta;
      expect(totalPages).toBe(Math.ceil(total / limit));
      const ids = first.data.map((c) => c.id);
      for (let page = 2; page <= totalPages; page++) {
        const next = await query({ ...q, limit, page });
        expect(next.meta.total).toBe(total);
        expect(next.data.length).toBe(page < totalPages ? limit : total - limit * (totalPages - 1));
        ids.push(...next.data.map((c) => c.id));
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(total);
      expect(total).toBe(people.filter((c) => matchesFilter(c, q)).length);
    },
  );

  // Property 11: Search Result Accuracy
  test.prop([term], { numRuns: 100 })(
    "every result contains the search term in name, code, phone (or its 08… form), email or PPPoE username — and no match is left out",
    async (raw) => {
      const t = raw.trim();
      const page = await query({ search: raw, limit: 100 });
      for (const c of page.data) expect(t === "" || matchesSearch(c, t), `${c.name} ∌ ${t}`).toBe(true);
      const expected = people.filter((c) => t === "" || matchesSearch(c, t)).map((c) => c.id);
      expect(sorted(page.data.map((c) => c.id))).toEqual(sorted(expected));
    },
  );

  // Property 12: Filter Result Accuracy
  test.prop([filters], { numRuns: 100 })(
    "every result matches status, plan and installation-date filters — and no match is left out",
    async (f) => {
      const q = toQuery(f);
      const page = await query({ ...q, limit: 100 });
      for (const c of page.data) expect(matchesFilter(c, q), JSON.stringify({ c, q })).toBe(true);
      const expected = people.filter((c) => matchesFilter(c, q)).map((c) => c.id);
      expect(sorted(page.data.map((c) => c.id))).toEqual(sorted(expected));
    },
  );
});
