import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { addressKey } from "../../src/lib/address-key";

const hextet = fc.integer({ min: 0, max: 0xffff });
/** Zero groups are common in real addresses (and are what `::` compresses): bias towards them. */
const group = fc.oneof(hextet, fc.constant(0));
const groups = (n: number) => fc.array(group, { minLength: n, maxLength: n });

type Style = { compress: boolean; pad: boolean; upper: boolean; v4Tail: boolean; zone: boolean; brackets: boolean };
const style: fc.Arbitrary<Style> = fc.record({
  compress: fc.boolean(),
  pad: fc.boolean(),
  upper: fc.boolean(),
  v4Tail: fc.boolean(),
  zone: fc.boolean(),
  brackets: fc.boolean(),
});

/** One of the many ways to write the same IPv6 address. */
function write(g: number[], s: Style): string {
  const hex = (n: number) => {
    const h = s.pad ? n.toString(16).padStart(4, "0") : n.toString(16);
    return s.upper ? h.toUpperCase() : h;
  };
  const words = g.map(hex);
  if (s.v4Tail) {
    const [hi = 0, lo = 0] = g.slice(6);
    words.splice(6, 2, `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`);
  }
  let text = words.join(":");
  if (s.compress) {
    // The longest run of zero groups (not the IPv4 tail) becomes "::".
    let best = { at: -1, len: 0 };
    for (let i = 0; i < (s.v4Tail ? 6 : 8); i++) {
      let len = 0;
      while (i + len < (s.v4Tail ? 6 : 8) && g[i + len] === 0) len++;
      if (len > best.len) best = { at: i, len };
    }
    if (best.len > 0) {
      const head = words.slice(0, best.at).join(":");
      const tail = words.slice(best.at + best.len).join(":");
      text = `${head}::${tail}`;
    }
  }
  if (s.zone) text += "%eth0";
  return s.brackets ? `[${text}]` : text;
}

/** Not an IPv4-mapped address (::ffff:0:0/96), which is keyed as the IPv4 client it names. */
const notMapped = (prefix: number[]) => !prefix.every((x) => x === 0);

describe("per-address rate-limit keys (src/lib/address-key.ts)", () => {
  // Property 50: Rate Limit Enforcement (one client, one counter: an IPv6 /64 is one client)
  test.prop([groups(4).filter(notMapped), groups(4), groups(4), style, style], { numRuns: 300 })(
    "every address of one /64, however written, has the same key",
    (prefix, a, b, sa, sb) => {
      const ka = addressKey(write([...prefix, ...a], sa));
      expect(ka).toMatch(/::\/64$/);
      expect(addressKey(write([...prefix, ...b], sb))).toBe(ka);
    },
  );

  // Property 50: Rate Limit Enforcement
  test.prop([groups(4), groups(4), groups(4), style, style], { numRuns: 300 })(
    "addresses of different /64s have different keys",
    (p1, p2, rest, s1, s2) => {
      fc.pre(p1.join() !== p2.join() && notMapped(p1) && notMapped(p2));
      expect(addressKey(write([...p1, ...rest], s1))).not.toBe(addressKey(write([...p2, ...rest], s2)));
    },
  );

  // Property 50: Rate Limit Enforcement
  test.prop([fc.ipV4(), fc.boolean()], { numRuns: 200 })(
    "an IPv4 address is its own key, and its IPv4-mapped IPv6 form is the same client",
    (v4, upper) => {
      expect(addressKey(v4)).toBe(v4);
      expect(addressKey(`${upper ? "::FFFF" : "::ffff"}:${v4}`)).toBe(v4);
    },
  );

  it("reads the usual forms and leaves what is not an address alone", () => {
    expect(addressKey("2001:db8::1")).toBe("2001:db8::/64");
    expect(addressKey("2001:0DB8:0000:0001:ffff:0:0:1")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:db8:0:1:2:3:4:5")).toBe(addressKey("2001:db8:0:1::9"));
    expect(addressKey("2001:db8:0:1::")).not.toBe(addressKey("2001:db8:0:2::"));
    expect(addressKey("::1")).toBe("::/64");
    expect(addressKey("::ffff:c000:0201")).toBe("192.0.2.1");
    for (const junk of ["unknown", "", "1:2:3", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "g::1", "256.1.1.1"]) {
      expect(addressKey(junk)).toBe(junk);
    }
  });
});
