/**
 * IP address text (Property 22), pure so it is property-tested. Accepts exactly:
 * - IPv4 dotted decimal, four octets 0–255 without leading zeros ("010.0.0.1" would be octal to
 *   some tools and decimal to others, so it is refused rather than guessed at);
 * - IPv6 text (RFC 4291 §2.2): eight hex groups, one "::" standing for ONE OR MORE zero groups, an
 *   optional trailing dotted IPv4. Zone ids ("%eth0") and prefixes ("/64") are not addresses.
 * The stored form is canonical (RFC 5952 §4: lower case, no leading zeros, the first longest run of
 * two or more zero groups as "::"), so one address is always one string for search and dedupe.
 */

/** The four octets, or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    octets.push(n);
  }
  return octets;
}

/** Groups of one side of a "::" (or of the whole address); a dotted IPv4 only as the very last part. */
function parseGroups(text: string, allowIpv4: boolean): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (allowIpv4 && i === parts.length - 1 && p.includes(".")) {
      const v4 = parseIpv4(p);
      if (!v4) return null;
      groups.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
    } else {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(p)) return null;
      groups.push(Number.parseInt(p, 16));
    }
  }
  return groups;
}

/** The eight 16-bit groups, or null. */
export function parseIpv6(text: string): number[] | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  const gap = text.indexOf("::");
  if (gap === -1) {
    const groups = parseGroups(text, true);
    return groups && groups.length === 8 ? groups : null;
  }
  if (text.includes("::", gap + 1)) return null;
  const tail = text.slice(gap + 2);
  const head = parseGroups(text.slice(0, gap), false);
  const rest = parseGroups(tail, true);
  if (!head || !rest || head.length + rest.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
}

/** RFC 5952 §4 text of eight groups. */
export function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** The canonical form of an IPv4 or IPv6 address, or null when `text` is neither. */
export function canonicalIp(text: string): string | null {
  const v4 = parseIpv4(text);
  if (v4) return v4.join(".");
  const v6 = parseIpv6(text);
  return v6 ? formatIpv6(v6) : null;
}
