import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CSV_BOM, cellText, csvRow } from "../../src/services/exports/csv";
import { parseCsv } from "../support/csv";

/** Text biased towards what breaks CSV: separators, quotes, line breaks, formula starts, Indonesian text. */
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom(",", '"', "\r", "\n", "=", "+", "-", "@", "\t", " ", "a", "é", "ñ", "漢", "😀") }),
  fc.string(),
  fc.constantFrom('=HYPERLINK("http://x")', "+62812", "-5", "@SUM(A1)", "Jl. Mawar, RT 03/RW 05", 'Toko "Maju"'),
);
const value = fc.oneof(
  nasty,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.dictionary(fc.string(), fc.string()),
);

describe("CSV encoder", () => {
  // Property 61: Export Data Completeness (encoder: every cell round-trips through an RFC 4180 parser)
  test.prop([fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { maxLength: 8 })], { numRuns: 300 })(
    "parsing the encoded rows gives back each cell's text (formula-like text prefixed with ')",
    (rows) => {
      const width = Math.max(1, ...rows.map((r) => r.length));
      const padded = rows.map((r) => [...r, ...Array(width - r.length).fill(null)]);
      const encoded = CSV_BOM + padded.map(csvRow).join("");
      const expected = padded.map((r) => r.map(cellText));
      expect(parseCsv(encoded)).toEqual(expected);
    },
  );

  test.prop([nasty], { numRuns: 200 })(
    "a text cell is the original, or ' + original when it starts like a formula",
    (s) => {
      const text = cellText(s);
      if (/^[=+\-@\t\r]/.test(s)) expect(text).toBe(`'${s}`);
      else expect(text).toBe(s);
      expect(/^[=+\-@\t\r]/.test(text)).toBe(false);
    },
  );

  it("keeps numbers as numbers and writes dates as ISO-8601 UTC", () => {
    expect(csvRow([-5, 1.5, true, null, new Date("2026-11-24T08:00:00Z"), { a: 1 }])).toBe(
      '-5,1.5,true,,2026-11-24T08:00:00.000Z,"{""a"":1}"\r\n',
    );
  });
});
