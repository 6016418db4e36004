import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  decodeLength,
  encodeLength,
  encodeSentence,
  encodeSentences,
  SentenceDecoder,
  WireProtocolError,
  wordsToStrings,
} from "../../src/routeros/wire.ts";

/** Lengths at and around each boundary between the five encodings. */
const BOUNDARIES = [0, 1, 0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000, 0xfffffff, 0x10000000, 0xffffffff];
const nearBoundary = fc
  .tuple(fc.constantFrom(...BOUNDARIES), fc.integer({ min: -2, max: 2 }))
  .map(([b, d]) => Math.min(0xffffffff, Math.max(0, b + d)));

/** Words are bytes; latin1 maps every byte to one character and back. */
const word = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }),
  // Long words cross the 1- and 2-byte length forms.
  fc.integer({ min: 0x7e, max: 0x4002 }).map((n) => "x".repeat(n)),
);
const sentence = fc.array(word, { minLength: 1, maxLength: 6 });
const sentences = fc.array(sentence, { minLength: 1, maxLength: 5 });

/** Splits a buffer at arbitrary cut points. */
function split(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, buf.length]) {
    parts.push(buf.subarray(prev, p));
    prev = p;
  }
  return parts;
}

describe("length encoding", () => {
  test.prop([nearBoundary])("decode(encode(n)) = n, in the form the table prescribes", (n) => {
    const enc = encodeLength(n);
    const expectedSize = n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
    expect(enc.length).toBe(expectedSize);
    expect(decodeLength(enc, 0)).toEqual([n, expectedSize]);
    // A length cut short is "not yet", never a wrong value.
    expect(decodeLength(enc.subarray(0, enc.length - 1), 0)).toBeUndefined();
  });

  it("uses the documented prefixes", () => {
    expect([...encodeLength(0x7f)]).toEqual([0x7f]);
    expect([...encodeLength(0x80)]).toEqual([0x80, 0x80]);
    expect([...encodeLength(0x4000)]).toEqual([0xc0, 0x40, 0x00]);
    expect([...encodeLength(0x200000)]).toEqual([0xe0, 0x20, 0x00, 0x00]);
    expect([...encodeLength(0x10000000)]).toEqual([0xf0, 0x10, 0x00, 0x00, 0x00]);
  });

  it("refuses a reserved control byte", () => {
    expect(() => decodeLength(Buffer.from([0xf8]), 0)).toThrow(WireProtocolError);
  });
});

describe("sentence decoding", () => {
  test.prop([sentences])("decode(encode(sentences)) round-trips", (ss) => {
    const out = new SentenceDecoder().push(encodeSentences(ss));
    expect(out.map((s) => wordsToStrings(s.words))).toEqual(ss);
    expect(Buffer.concat(out.map((s) => s.bytes)).equals(encodeSentences(ss))).toBe(true);
  });

  test.prop([sentences, fc.array(fc.nat(), { maxLength: 12 })])(
    "any split of the byte stream decodes to the same sentences",
    (ss, cuts) => {
      const decoder = new SentenceDecoder();
      const out = split(encodeSentences(ss), cuts).flatMap((part) => decoder.push(part));
      expect(out.map((s) => wordsToStrings(s.words))).toEqual(ss);
      expect(decoder.buffered).toBe(0);
    },
  );

  test.prop([sentence])("byte-by-byte delivery (how node-routeros writes) decodes", (s) => {
    const decoder = new SentenceDecoder();
    const bytes = encodeSentence(s);
    const out = [...bytes].flatMap((b) => decoder.push(Buffer.from([b])));
    expect(out.map((x) => wordsToStrings(x.words))).toEqual([s]);
  });

  it("skips empty sentences", () => {
    const out = new SentenceDecoder().push(Buffer.concat([Buffer.from([0]), encodeSentence(["!done"])]));
    expect(out.map((s) => wordsToStrings(s.words))).toEqual([["!done"]]);
  });
});
