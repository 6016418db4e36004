import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Where to connect for a target the allow-list let through, or why it did not. */
export type AllowedTarget = { ok: true; address: string } | { ok: false; reason: string };

/** `10.0.0.0/8`, `192.168.88.1` (one address), `fd00::/8`; the form checked before a CIDR is used. */
export function parseCidr(text: string): { network: string; prefix: number; family: "ipv4" | "ipv6" } | undefined {
  const [network = "", prefixText, ...rest] = text.trim().split("/");
  const version = isIP(network);
  if (version === 0 || rest.length > 0) return undefined;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { network, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/**
 * The networks this connector may open connections to for the cloud's requests (device probes, the
 * SMTP relay), set locally by the ISP (`allowNetworks`). A name is resolved first and every address
 * it resolves to must be inside; the connection then goes to the address that was checked, so a DNS
 * answer cannot change between the check and the connect.
 */
export class NetworkAllowList {
  readonly #list = new BlockList();
  readonly networks: readonly string[];

  constructor(cidrs: readonly string[]) {
    for (const cidr of cidrs) {
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`not a network: ${cidr}`);
      this.#list.addSubnet(parsed.network, parsed.prefix, parsed.family);
    }
    this.networks = cidrs;
  }

  allows(address: string): boolean {
    const version = isIP(address);
    if (version === 0) return false;
    return this.#list.check(address, version === 4 ? "ipv4" : "ipv6");
  }

  async resolve(host: string): Promise<AllowedTarget> {
    const outside = `${host} is outside this connector's allowed networks (${this.networks.join(", ")})`;
    if (isIP(host)) return this.allows(host) ? { ok: true, address: host } : { ok: false, reason: outside };
    let addresses: string[];
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (e) {
      const code = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
      return { ok: false, reason: `${host} does not resolve (${code}); cannot check it against the allowed networks` };
    }
    const denied = addresses.filter((a) => !this.allows(a));
    const first = addresses[0];
    if (first === undefined || denied.length > 0) {
      return { ok: false, reason: `${outside}: it resolves to ${denied.join(", ") || "nothing"}` };
    }
    return { ok: true, address: first };
  }
}
