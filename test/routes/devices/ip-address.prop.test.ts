import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canonicalIp } from "../../../src/services/devices/ip-address";
import { canonicalHost } from "../../../src/services/routers/host";

/** Independent IPv4 oracle: four decimal numbers 0–255 that print back exactly as written. */
function ipv4Oracle(s: string): string | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  return parts.every((p) => /^[0-9]+$/.test(p) && String(Number(p)) === p && Number(p) <= 255) ? s : null;
}

/**
 * Independent IPv6 oracle: the WHATWG URL parser of the runtime, whose serializer is the RFC 5952
 * form. It lets "::" stand for zero groups ("1::2:3:4:5:6:7:8"); RFC 4291 says one or more, so that
 * case is invalid here.
 */
function ipv6Oracle(s: string): string | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return null;
  let host: string;
  try {
    host = new URL(`http://[${s}]/`).hostname;
  } catch {
    return null;
  }
  const explicit = s
    .split("::")
    .flatMap((side) => (side === "" ? [] : side.split(":")))
    .reduce((n, part) => n + (part.includes(".") ? 2 : 1), 0);
  if (s.includes("::") && explicit >= 8) return null;
  return host.slice(1, -1);
}

const CHARS = [..."0123456789abcdefABCDEFg:.%/ -"];
const char = fc.constantFrom(...CHARS);
const noise = fc.string({ unit: char, maxLength: 45 });
/** A valid address with one character inserted, replaced or removed: mostly invalid, sometimes not. */
const mutated = fc
  .tuple(fc.oneof(fc.ipV4(), fc.ipV6()), fc.nat(), char, fc.constantFrom("insert", "replace", "delete"))
  .map(([ip, at, c, op]) => {
    const i = at % (ip.length + 1);
    if (op === "insert") return ip.slice(0, i) + c + ip.slice(i);
    if (op === "replace") return ip.slice(0, i) + c + ip.slice(i + 1);
    return ip.slice(0, i) + ip.slice(i + 1);
  });
const upper = fc.ipV6().map((s) => s.toUpperCase());
const candidate = fc.oneof(fc.ipV4(), fc.ipV6(), upper, mutated, noise);

describe("IP address validation", () => {
  // Property 22: IP Address Format Validation
  test.prop([candidate], { numRuns: 1000 })(
    "accepts exactly the IPv4/IPv6 texts the oracles accept, and yields their canonical form",
    (s) => {
      expect(canonicalIp(s)).toBe(ipv4Oracle(s) ?? ipv6Oracle(s));
    },
  );

  // Property 22: IP Address Format Validation
  test.prop([fc.oneof(fc.ipV4(), fc.ipV6(), upper)], { numRuns: 300 })(
    "every generated address is accepted, and its canonical form is a fixed point",
    (s) => {
      const canonical = canonicalIp(s);
      expect(canonical).not.toBeNull();
      expect(canonicalIp(canonical as string)).toBe(canonical);
      expect(canonical).toBe(canonical?.toLowerCase());
    },
  );

  it("refuses leading zeros, zones, prefixes, surrounding space and a '::' standing for nothing", () => {
    for (const bad of [
      "010.0.0.1",
      "1.2.3.4/24",
      "fe80::1%eth0",
      " 10.0.0.1",
      "1::2:3:4:5:6:7:8",
      "1.2.3",
      "::ffff:1.2.3.04",
      "",
    ]) {
      expect(canonicalIp(bad), bad).toBeNull();
    }
    expect(canonicalIp("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canonicalIp("0:0:1:0:0:0:1:0")).toBe("0:0:1::1:0");
    expect(canonicalIp("::ffff:192.168.1.1")).toBe("::ffff:c0a8:101");
  });

  // Property 22: IP Address Format Validation
  test.prop([fc.domain()], { numRuns: 200 })("router hosts: DNS names are accepted lower-cased", (name) => {
    expect(canonicalHost(name)).toBe(/^\d+$/.test(name.split(".").at(-1) ?? "") ? null : name.toLowerCase());
  });

  it("router hosts: an out-of-range dotted quad is not a name", () => {
    expect(canonicalHost("192.168.1.256")).toBeNull();
    expect(canonicalHost("Router-1.NET.example")).toBe("router-1.net.example");
    expect(canonicalHost("-bad.example")).toBeNull();
    expect(canonicalHost("2001:DB8::1")).toBe("2001:db8::1");
  });
});
