import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ENTITY_RESOURCES, mayRead, stripSecrets } from "../../../durable-objects/tenant-hub/visibility";
import { SECRET_KEY } from "../../../src/lib/secret-keys";
import { ROLES } from "../../../src/services/context";
import { roleCan } from "../../../src/services/permissions";
import { recordTree as tree } from "../../support/record-trees";

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

/** Keys reachable without passing through a secret-looking key (what must survive). */
function visibleKeysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(visibleKeysOf);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (SECRET_KEY.test(k) ? [] : [k, ...visibleKeysOf(v)]));
  }
  return [];
}

describe("who may see what", () => {
  // Property: secret stripping — no secret-looking key survives at any depth, every other key does
  test.prop([tree], { numRuns: 300 })(
    "stripSecrets drops exactly the secret-looking keys (and what is under them)",
    (value) => {
      const out = stripSecrets(value);
      expect(keysOf(out).filter((k) => SECRET_KEY.test(k))).toEqual([]);
      expect(keysOf(out).sort()).toEqual(visibleKeysOf(value).sort());
      expect(stripSecrets(out)).toEqual(out);
    },
  );

  it("follows the permission matrix for every mapped entity, and admits only admins for others", () => {
    for (const role of ROLES) {
      for (const [entity, resource] of ENTITY_RESOURCES)
        expect(mayRead(role, entity)).toBe(roleCan(role, `${resource}:read`));
      for (const entity of ["unknown_entity", "constructor", "__proto__", "toString"]) {
        expect(mayRead(role, entity), `${role} ${entity}`).toBe(role === "admin");
      }
    }
  });

  it("keeps secrets of a viewer's view out even when a publisher forgot to redact", () => {
    const data = { name: "Siti", pppoePassword: "p", router: { apiKey: "k", host: "10.0.0.1" }, at: new Date(0) };
    expect(stripSecrets(data)).toEqual({ name: "Siti", router: { host: "10.0.0.1" }, at: "1970-01-01T00:00:00.000Z" });
  });
});
