import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { stripSecrets } from "../../../durable-objects/tenant-hub/visibility";
import { isSecretKey } from "../../../src/lib/secret-keys";
import { redact } from "../../../src/services/audit/record";
import { recordTree as tree } from "../../support/record-trees";

/**
 * Walks input, audit copy and hub copy together: every non-secret key is kept by both (as an own
 * key, "__proto__" too), every secret-looking key is masked by the audit and dropped by the hub.
 */
function expectSameJudgement(input: unknown, audited: unknown, hub: unknown, path: string): void {
  if (Array.isArray(input)) {
    expect(Array.isArray(audited), path).toBe(true);
    for (const [i, v] of input.entries()) {
      expectSameJudgement(v, (audited as unknown[])[i], (hub as unknown[])[i], `${path}[${i}]`);
    }
    return;
  }
  if (input && typeof input === "object") {
    const a = audited as Record<string, unknown>;
    const h = hub as Record<string, unknown>;
    expect(Object.getPrototypeOf(a), path).toBe(Object.prototype);
    expect(Object.keys(a), path).toEqual(Object.keys(input));
    for (const [k, v] of Object.entries(input)) {
      const at = `${path}.${k}`;
      if (isSecretKey(k)) {
        expect(a[k], at).toBe("[redacted]");
        expect(Object.hasOwn(h, k), at).toBe(false);
      } else {
        expect(Object.hasOwn(a, k), at).toBe(true);
        expect(Object.hasOwn(h, k), at).toBe(true);
        expectSameJudgement(v, a[k], h[k], at);
      }
    }
    return;
  }
  expect(audited, path).toBe(input);
}

describe("audit redaction", () => {
  // Property: audit redaction — every non-secret key survives (even "__proto__"), every secret-looking
  // key is masked, and it judges each key exactly as the realtime hub's stripSecrets does
  test.prop([tree], { numRuns: 300 })("redact keeps what the hub keeps and masks what the hub drops", (value) => {
    expectSameJudgement(value, redact(value), stripSecrets(value), "$");
  });

  test.prop([fc.constantFrom("__proto__", "constructor"), fc.string()], { numRuns: 100 })(
    "a '__proto__' key is copied as a key, never as the copy's prototype",
    (k, v) => {
      const input = JSON.parse(`{${JSON.stringify(k)}: ${JSON.stringify({ inner: v })}}`);
      const out = redact(input) as Record<string, unknown>;
      expect(Object.hasOwn(out, k)).toBe(true);
      expect(out[k]).toEqual({ inner: v });
      expect(JSON.stringify(out)).toBe(JSON.stringify(input));
    },
  );
});
