import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { E164_MOBILE, localPhoneForm, normalizeIndonesianPhone } from "../../../src/services/customers/phone";

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(""));

/** The national significant number of an Indonesian mobile: 8 then 8–11 digits. */
const national = digits(8, 11).map((rest) => `8${rest}`);
const prefix = fc.constantFrom("0", "62", "+62");

/** Sprinkles spaces and dashes between the characters (and around the ends). */
function spaced(text: string, seps: string[]): string {
  return [...text].map((ch, i) => `${seps[i % seps.length] ?? ""}${ch}`).join("");
}
const separators = fc.array(fc.constantFrom("", "", " ", "-", " - "), { minLength: 1, maxLength: 8 });

describe("Indonesian phone normalisation (pure)", () => {
  test.prop([national, prefix, separators], { numRuns: 300 })(
    "08…, 628… and +628… with any spaces or dashes become +628…",
    (n, p, seps) => {
      expect(normalizeIndonesianPhone(spaced(`${p}${n}`, seps))).toBe(`+62${n}`);
    },
  );

  test.prop([fc.string({ maxLength: 20 })], { numRuns: 300 })(
    "any input is refused or becomes E.164 that normalises to itself",
    (s) => {
      const out = normalizeIndonesianPhone(s);
      if (out === null) return;
      expect(out).toMatch(E164_MOBILE);
      expect(normalizeIndonesianPhone(out)).toBe(out);
    },
  );

  test.prop([national], { numRuns: 200 })("the local 08… form of a normalised number normalises back", (n) => {
    const e164 = `+62${n}`;
    expect(localPhoneForm(e164)).toBe(`0${n}`);
    expect(normalizeIndonesianPhone(localPhoneForm(e164))).toBe(e164);
  });

  test.prop([national, prefix, fc.constantFrom("a", "x", ".", "(", "+", "/")], { numRuns: 200 })(
    "a stray letter or symbol is refused",
    (n, p, junk) => {
      const at = n.length >> 1;
      expect(normalizeIndonesianPhone(`${p}${n.slice(0, at)}${junk}${n.slice(at)}`)).toBeNull();
    },
  );

  it("refuses landlines, other countries and wrong lengths", () => {
    for (const bad of [
      "021-555-1234",
      "+1 202 555 0100",
      "+60 12 345 6789",
      "0812345",
      "08123456789012",
      "812345678",
      "",
    ]) {
      expect(normalizeIndonesianPhone(bad), bad).toBeNull();
    }
  });
});
