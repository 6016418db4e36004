/**
 * The key a per-address rate limit counts a client under. An IPv4 address is its own key. An IPv6
 * client gets a whole /64 from its provider (one home, one phone) and may pick any address in it,
 * so limiting by the full address would let it rotate through 2^64 fresh counters: IPv6 addresses
 * are keyed by their /64, written canonically (`2001:db8:0:1::/64`) whatever form the address came
 * in (compressed, leading zeros, upper case, a zone id, an embedded IPv4 tail). An IPv4-mapped
 * address (`::ffff:192.0.2.1`) is the IPv4 client it names. Anything else (`unknown`, garbage) is
 * returned unchanged: it still gets a counter, only not a shared one.
 */
export function addressKey(address: string): string {
  const text = address.trim();
  if (IPV4.test(text)) return text;
  const groups = parseIpv6(text);
  if (!groups) return text;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6] as number, groups[7] as number];
    return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  const prefix = groups.slice(0, 4);
  // Compress the trailing zero groups of the prefix, as the canonical text form would (RFC 5952).
  while (prefix.length > 0 && prefix.at(-1) === 0) prefix.pop();
  return `${prefix.map((g) => g.toString(16)).join(":")}::/64`;
}

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const HEXTET = /^[0-9a-f]{1,4}$/i;

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function parseIpv6(input: string): number[] | undefined {
  const text = input.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!text.includes(":")) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parts = halves.map((h) => (h === "" ? [] : h.split(":")));
  const groups = parts.map((p) => p.flatMap(parseGroup));
  if (groups.some((g, i) => g.length !== countGroups(parts[i] as string[]) || g.some(Number.isNaN))) return undefined;
  const [head = [], tail = []] = groups;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...Array(missing).fill(0), ...tail] : undefined;
}

/** A hextet is one group, a dotted IPv4 tail two; NaN marks a bad part. */
function parseGroup(part: string, i: number, all: string[]): number[] {
  if (HEXTET.test(part)) return [Number.parseInt(part, 16)];
  if (i === all.length - 1 && IPV4.test(part)) {
    const [a, b, c, d] = part.split(".").map(Number) as [number, number, number, number];
    return [(a << 8) | b, (c << 8) | d];
  }
  return [Number.NaN];
}

function countGroups(parts: string[]): number {
  const last = parts.at(-1);
  return parts.length + (last !== undefined && IPV4.test(last) ? 1 : 0);
}
