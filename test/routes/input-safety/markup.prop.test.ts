import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { api, describe, platformHeaders } from "../../support/api";
import { createTestTenant, loginAs, type Session, type TestTenant, uniqueSlug } from "../../support/harness";
import { newUserBody, type UserView } from "../../support/users";

const XSS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "Budi<svg/onload=alert(1)>",
  '"><script>',
  "<a href='javascript:alert(1)'>x</a>",
  "<<SCRIPT>alert('XSS');//<</SCRIPT>",
  "Siti >",
  "< Rahma",
];
/** Any text with a `<` or `>` somewhere, 1–120 characters once trimmed. */
const markup = fc.oneof(
  fc.constantFrom(...XSS),
  fc
    .tuple(fc.string({ maxLength: 50 }), fc.constantFrom("<", ">"), fc.string({ maxLength: 50 }))
    .map(([a, m, b]) => `${a}${m}${b}`),
);
const FIELDS = ["user.create", "user.update", "tenant.update", "tenant.create", "tenant.create.admin"] as const;

let t: TestTenant & { remove(): Promise<void> };
let admin: Session;
beforeAll(async () => {
  t = await createTestTenant({ keep: true });
  admin = await loginAs(t);
});
afterAll(() => t.remove());

interface Problem {
  code: string;
  details: { path: string }[];
}

async function attempt(field: (typeof FIELDS)[number], name: string) {
  switch (field) {
    case "user.create": {
      const body = newUserBody({ name });
      const res = await api<Problem>("/api/v1/users", { headers: admin.headers, body });
      const found = await api<{ data: unknown[] }>(`/api/v1/users?search=${encodeURIComponent(body.email)}`, {
        headers: admin.headers,
      });
      return { res, path: "name", unchanged: found.body.data.length === 0 };
    }
    case "user.update": {
      const url = `/api/v1/users/${t.users.viewer.id}`;
      const res = await api<Problem>(url, { method: "PATCH", headers: admin.headers, body: { name } });
      const after = await api<UserView>(url, { headers: admin.headers });
      return { res, path: "name", unchanged: after.body.name === "viewer" };
    }
    case "tenant.update": {
      const url = `/api/v1/platform/tenants/${t.id}`;
      const res = await api<Problem>(url, { method: "PATCH", headers: platformHeaders(), body: { name } });
      const after = await api<{ name: string }>(url, { headers: platformHeaders() });
      return { res, path: "name", unchanged: after.body.name === t.name };
    }
    case "tenant.create":
    case "tenant.create.admin": {
      const slug = uniqueSlug("xss");
      const owner = { email: `admin@${slug}.test`, password: "pass-word-123", name: "Admin" };
      const body =
        field === "tenant.create"
          ? { name, slug, admin: owner }
          : { name: "Plain Net", slug, admin: { ...owner, name } };
      const res = await api<Problem>("/api/v1/platform/tenants", { headers: platformHeaders(), body });
      const found = await api<{ data: unknown[] }>(`/api/v1/platform/tenants?search=${slug}`, {
        headers: platformHeaders(),
      });
      return { res, path: field === "tenant.create" ? "name" : "admin.name", unchanged: found.body.data.length === 0 };
    }
  }
}

group("markup in name-like fields", () => {
  // Property 53: XSS Prevention
  test.prop([fc.constantFrom(...FIELDS), markup], {
    numRuns: 100,
    examples: FIELDS.map((f) => [f, "<script>alert(1)</script>"] as [(typeof FIELDS)[number], string]),
  })(
    "is rejected the same way everywhere: 400 VALIDATION_ERROR naming the field, nothing written",
    async (field, name) => {
      const { res, path, unchanged } = await attempt(field, name);
      expect(res.status, `${field} ${JSON.stringify(name)}: ${describe(res)}`).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.details.map((d) => d.path)).toContain(path);
      expect(unchanged, `${field}: something was written`).toBe(true);
    },
  );

  it("other HTML-significant characters are kept verbatim and only ever returned as JSON", async () => {
    const name = `Budi & Sons "Net" 'Cibubur' ${crypto.randomUUID().slice(0, 4)}`;
    const res = await api<UserView>("/api/v1/users", { headers: admin.headers, body: newUserBody({ name }) });
    expect(res.status, describe(res)).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.body.name).toBe(name);
    expect(res.text).toContain(JSON.stringify(name));
  });
});
