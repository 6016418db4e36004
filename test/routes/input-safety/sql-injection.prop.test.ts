import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, expect, describe as group } from "vitest";
import { api, describe, platformHeaders } from "../../support/api";
import { createTestTenant, loginAs, type Session, type TestTenant } from "../../support/harness";
import { newUserBody } from "../../support/users";

/** Classic injection and wildcard strings, plus random text over SQL's special characters. */
const CLASSICS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "admin'--",
  "' UNION SELECT password_hash FROM users --",
  "1; DELETE FROM audit_logs",
  "' || pg_sleep(5) || '",
  "%",
  "_",
  "%%",
  "\\",
  "\\%",
  "%' OR name ILIKE '%",
  "*/ OR /*",
  "$1",
  "a\u0000b",
];
const sqlish = fc.string({ unit: fc.constantFrom(..."'\";-%_\\/*()=|$ ORANDSELECTorand01".split("")), maxLength: 40 });
const payload = fc.oneof(fc.constantFrom(...CLASSICS), sqlish).filter((s) => s.trim().length > 0);
const TARGETS = ["users", "tenants", "audit"] as const;
type Target = (typeof TARGETS)[number];

let t: TestTenant & { remove(): Promise<void> };
let admin: Session;
beforeAll(async () => {
  t = await createTestTenant({ keep: true });
  admin = await loginAs(t);
});
afterAll(() => t.remove());

const q = encodeURIComponent;
const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

/** Stores `${p} <tag>` through the API, then searches: the tagged text finds exactly it, `p` finds only matches. */
async function checkUsers(p: string, tag: string) {
  const name = `${p} ${tag}`.trim();
  const created = await api<{ id: string; name: string }>("/api/v1/users", {
    headers: admin.headers,
    body: newUserBody({ name }),
  });
  const hasNul = p.includes("\u0000");
  expect(created.status, describe(created)).toBe(hasNul ? 400 : 201);
  const exact = await api<{ data: { id: string; name: string; email: string }[] }>(
    `/api/v1/users?limit=100&search=${q(name)}`,
    { headers: admin.headers },
  );
  expect(exact.status, describe(exact)).toBe(hasNul ? 400 : 200);
  if (hasNul) return;
  expect(created.body.name).toBe(name);
  expect(exact.body.data.map((u) => u.id)).toEqual([created.body.id]);
  const loose = await api<{ data: { name: string; email: string }[] }>(`/api/v1/users?limit=100&search=${q(p)}`, {
    headers: admin.headers,
  });
  for (const u of loose.body.data) expect(contains(u.name, p.trim()) || contains(u.email, p.trim())).toBe(true);
}

async function checkTenants(p: string, tag: string) {
  const name = `${p} ${tag}`.trim();
  const hasNul = p.includes("\u0000");
  const patched = await api(`/api/v1/platform/tenants/${t.id}`, {
    method: "PATCH",
    headers: platformHeaders(),
    body: { name },
  });
  expect(patched.status, describe(patched)).toBe(hasNul ? 400 : 200);
  const exact = await api<{ data: { id: string }[] }>(`/api/v1/platform/tenants?limit=100&search=${q(name)}`, {
    headers: platformHeaders(),
  });
  expect(exact.status, describe(exact)).toBe(hasNul ? 400 : 200);
  if (hasNul) return;
  expect(exact.body.data.map((x) => x.id)).toEqual([t.id]);
  const loose = await api<{ data: { name: string; slug: string }[] }>(
    `/api/v1/platform/tenants?limit=100&search=${q(p)}`,
    {
      headers: platformHeaders(),
    },
  );
  for (const x of loose.body.data) expect(contains(x.name, p.trim()) || contains(x.slug, p.trim())).toBe(true);
}

/** Audit filters match exactly: an injection string as a filter value finds only rows holding that very value. */
async function checkAudit(p: string) {
  const hasNul = p.includes("\u0000");
  const filtered = await api<{ data: { entityType: string; action: string; entityId: string }[] }>(
    `/api/v1/audit-logs?limit=100&entity_type=${q(p)}&action=${q(p)}`,
    { headers: admin.headers },
  );
  const byId = await api<{ data: { entityId: string }[] }>(`/api/v1/audit-logs?limit=100&entity_id=${q(p)}`, {
    headers: admin.headers,
  });
  for (const res of [filtered, byId])
    expect(res.status, describe(res)).toBe(hasNul || p.trim().length > 64 ? 400 : 200);
  if (filtered.status !== 200) return;
  expect(filtered.body.data.every((r) => r.entityType === p.trim() && r.action === p.trim())).toBe(true);
  expect(byId.body.data.every((r) => r.entityId === p.trim())).toBe(true);
  // The tenant's own rows are there to be matched; none of them carries such a value.
  expect(filtered.body.data).toEqual([]);
}

group("SQL injection strings in searches and filters", () => {
  // Property 52: SQL Injection Prevention
  test.prop([fc.constantFrom(...TARGETS), payload], {
    numRuns: 100,
    examples: TARGETS.flatMap((target) => CLASSICS.map((c) => [target, c] as [Target, string])),
  })("are stored and matched literally: never an error, never a match-all", async (target, p) => {
    const tag = crypto.randomUUID().slice(0, 8);
    if (target === "users") await checkUsers(p, tag);
    else if (target === "tenants") await checkTenants(p, tag);
    else await checkAudit(p);
  });
});
