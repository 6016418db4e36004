import { canonicalIp } from "../devices/ip-address";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A router's address: an IP (canonical, see ip-address.ts) or a DNS host name (RFC 1123 labels,
 * lower-cased, ≤ 253 characters, no trailing dot). A name whose last label is all digits is refused:
 * no top-level domain is numeric, so "192.168.1.256" is a mistyped address, not a name.
 */
export function canonicalHost(text: string): string | null {
  const ip = canonicalIp(text);
  if (ip) return ip;
  const name = text.toLowerCase();
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split(".");
  if (!labels.every((l) => LABEL.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1] as string)) return null;
  return name;
}
