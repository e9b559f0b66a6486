// TRUSTED_PROXIES: which hops in front of the app may be believed about the client's address.
//   unset          no proxy: the socket's peer is the client, X-Forwarded-For is ignored
//   "1", "2"…      that many proxies in front (a load balancer, then maybe a CDN)
//   "10.0.0.0/8,fd00::/8,192.0.2.7"   the proxies' own addresses (CIDRs or single addresses)
// Pure (node:net only), so the configuration schema validates the same way the app decides.
import { BlockList, isIP } from "node:net";

export type TrustedProxies =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; ranges: BlockList; source: string };

/** A textual address in its canonical form, or undefined when it is not one: brackets, a zone, an IPv4 port and the IPv4-mapped IPv6 prefix are removed. */
export function normalizeIp(raw: string | undefined | null): string | undefined {
  let v = raw?.trim();
  if (!v) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  v = v.replace(/%[0-9A-Za-z._~-]+$/, "").toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(v);
  if (mapped) v = mapped[1]!;
  return isIP(v) ? v : undefined;
}

/** Parses TRUSTED_PROXIES; throws an Error whose message says what is wrong. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const v = value?.trim();
  if (!v) return { kind: "none" };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops < 1 || hops > 10) throw new Error("expected a hop count from 1 to 10, or a comma-separated list of CIDRs");
    return { kind: "hops", hops };
  }
  const ranges = new BlockList();
  for (const part of v.split(",").map((p) => p.trim())) {
    const [addr, prefix, extra] = part.split("/");
    const ip = normalizeIp(addr);
    const family = ip ? (isIP(ip) === 4 ? "ipv4" : "ipv6") : undefined;
    const max = family === "ipv4" ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!ip || !family || extra !== undefined || !(bits >= 0 && bits <= max)) {
      throw new Error(
        `"${part}" is not an address or CIDR (expected a hop count like 1, or CIDRs like 10.0.0.0/8,fd00::/8)`,
      );
    }
    ranges.addSubnet(ip, bits, family);
  }
  return { kind: "cidrs", ranges, source: v };
}

export function isTrustedAddress(ip: string, proxies: TrustedProxies): boolean {
  if (proxies.kind !== "cidrs") return false;
  return proxies.ranges.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
}
