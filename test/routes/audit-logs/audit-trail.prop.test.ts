import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, expect, describe as group } from "vitest";
import { ROLES } from "../../../src/services/context";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs, type Session, type TestTenant } from "../../support/harness";
import { newUserBody } from "../../support/users";

interface AuditRow {
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown> | null;
  ipAddress: string | null;
  createdAt: string;
}

let t: TestTenant & { remove(): Promise<void> };
let admin: Session;
beforeAll(async () => {
  t = await createTestTenant({ keep: true });
  admin = await loginAs(t);
});
afterAll(() => t.remove());

type Op =
  | { op: "create"; role: (typeof ROLES)[number] }
  | { op: "rename"; name: string }
  | { op: "role"; role: (typeof ROLES)[number] }
  | { op: "delete" };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constantFrom(...ROLES).map((role) => ({ op: "create" as const, role })),
  fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,30}$/).map((name) => ({ op: "rename" as const, name })),
  fc.constantFrom(...ROLES).map((role) => ({ op: "role" as const, role })),
  fc.constant({ op: "delete" as const }),
);
const ip = fc.oneof(fc.ipV4(), fc.ipV6());

const trail = async (entityId: string) =>
  (await api<{ data: AuditRow[] }>(`/api/v1/audit-logs?entity_id=${entityId}&limit=100`, { headers: admin.headers }))
    .body.data;

/** Users made by earlier runs and what they look like now: each run writes one of them (or a new one). */
const made: { id: string; name: string; role: string; isActive: boolean; rows: number }[] = [];

group("the audit trail of writes", () => {
  // Property 45: Audit Log Creation on CRUD Operations
  test.prop([op, fc.nat(), ip], { numRuns: 100 })(
    "every create, update and delete of a user leaves a row with its action, entity type, entity id and changes",
    async (o, pick, from) => {
      const headers = { ...admin.headers, "cf-connecting-ip": from };
      const target = made[pick % Math.max(1, made.length)];
      let id: string;
      let expected: { action: string; changes: Record<string, unknown> } | undefined;
      if (o.op === "create" || !target) {
        const role = o.op === "create" || o.op === "role" ? o.role : "viewer";
        const res = await api<{ id: string; name: string }>("/api/v1/users", { headers, body: newUserBody({ role }) });
        expect(res.status, describe(res)).toBe(201);
        id = res.body.id;
        made.push({ id, name: res.body.name, role, isActive: true, rows: 0 });
        expected = { action: "create", changes: { id, email: expect.any(String), role, isActive: true } };
      } else if (o.op === "delete") {
        id = target.id;
        const res = await api(`/api/v1/users/${id}`, { method: "DELETE", headers });
        expect(res.status, describe(res)).toBe(204);
        if (target.isActive) expected = { action: "delete", changes: { id, isActive: true } };
        target.isActive = false;
      } else {
        id = target.id;
        const field = o.op === "rename" ? "name" : "role";
        const value = o.op === "rename" ? o.name.trim() : o.role;
        const res = await api(`/api/v1/users/${id}`, { method: "PATCH", headers, body: { [field]: value } });
        expect(res.status, describe(res)).toBe(200);
        if (target[field] !== value)
          expected = { action: "update", changes: { [field]: { old: target[field], new: value } } };
        target[field] = value;
      }
      const rows = await trail(id);
      const entry = made.find((m) => m.id === id);
      if (entry && expected) entry.rows += 1;
      // One row per write that changed something, none for a write that changed nothing.
      expect(rows).toHaveLength(entry?.rows ?? -1);
      if (!expected) return;
      const newest = rows[0];
      expect(newest).toMatchObject({ action: expected.action, entityType: "user", entityId: id, ipAddress: from });
      expect(newest?.changes).toMatchObject(expected.changes);
    },
  );

  // Property 46: Audit Log Completeness
  test.prop([ip, fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .;/()-]{0,60}$/)], { numRuns: 100 })(
    "every audit row of a user's write names the user, the client address and the time",
    async (from, agent) => {
      const before = Date.now();
      const res = await api(`/api/v1/users/${t.users.viewer.id}`, {
        method: "PATCH",
        headers: { ...admin.headers, "cf-connecting-ip": from, "user-agent": agent },
        body: { name: `Viewer ${crypto.randomUUID().slice(0, 8)}` },
      });
      expect(res.status, describe(res)).toBe(200);
      const [row] = await trail(t.users.viewer.id);
      expect(row?.userId).toBe(t.users.admin.id);
      expect(row?.ipAddress).toBe(from);
      const at = Date.parse(row?.createdAt ?? "");
      expect(at).toBeGreaterThanOrEqual(before - 2_000);
      expect(at).toBeLessThanOrEqual(Date.now() + 2_000);
    },
  );
});
