import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { counterDelta, parseCounterPair } from "../../src/counters.ts";

const counter = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

describe("counterDelta", () => {
  test.prop([counter, counter])(
    "is never negative, the difference when the counter grew, the new value after a reset",
    (prev, cur) => {
      const d = counterDelta(prev, cur);
      expect(d >= 0n).toBe(true);
      expect(d).toBe(cur >= prev ? cur - prev : cur);
    },
  );

  test.prop([
    fc.array(fc.record({ grow: fc.bigInt({ min: 0n, max: 10n ** 12n }), reset: fc.boolean() }), { maxLength: 30 }),
  ])("the deltas never count more than the traffic, and count all of it when every reset is visible", (steps) => {
    let counter = 0n;
    let previous = 0n;
    let total = 0n;
    let counted = 0n;
    let hiddenReset = false;
    for (const { grow, reset } of steps) {
      if (reset) counter = 0n;
      counter += grow;
      total += grow;
      // A counter that reset and grew back to at least its old value between two reads looks
      // like plain growth; what it counted before the reset is then lost, never invented.
      if (reset && counter >= previous && previous > 0n) hiddenReset = true;
      counted += counterDelta(previous, counter);
      previous = counter;
    }
    expect(counted <= total).toBe(true);
    if (!hiddenReset) expect(counted).toBe(total);
  });

  test.prop([counter, counter])("parses RouterOS up/down pairs", (a, b) => {
    expect(parseCounterPair(`${a}/${b}`)).toEqual([a, b]);
  });

  test.prop([fc.string()])("never throws on garbage", (s) => {
    parseCounterPair(s);
  });
});
