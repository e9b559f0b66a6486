// The client's IP address, for the per-IP rate limits and the audit trail. Headers a client
// sends are believed only as far as TRUSTED_PROXIES says:
//   no proxies   the socket's peer address, nothing else (X-Forwarded-For and X-Real-IP are
//                whatever the client wrote)
//   hop count N  the chain is X-Forwarded-For + the peer; each trusted proxy appended the
//                address it saw, so the client is the N-th address from the right
//   CIDR list    walking the chain from the right, the first address outside the ranges
// The peer address comes from the Node HTTP server itself (lib/context/http-request-hook.ts
// puts it in PEER_ADDRESS_HEADER after removing any copy the client sent); where that hook
// is not installed (unit tests, scripts) there is no peer address and no XFF is believed.
import { getConfig } from "@/lib/config";
import { isTrustedAddress, normalizeIp, parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

export const PEER_ADDRESS_HEADER = "x-civitas-peer-address";
const HOOK = Symbol.for("civitas.httpRequestHook");

/** True once the HTTP server hook runs in this process (so PEER_ADDRESS_HEADER was set by it). */
export function peerAddressIsServerSet(): boolean {
  return (globalThis as Record<symbol, unknown>)[HOOK] === true;
}

export function markPeerAddressHookInstalled(): void {
  (globalThis as Record<symbol, unknown>)[HOOK] = true;
}

/** The decision itself, pure: `peer` is the socket's address, `forwardedFor` the raw X-Forwarded-For. */
export function decideClientIp(
  peer: string | undefined,
  forwardedFor: string | null | undefined,
  proxies: TrustedProxies,
): string | undefined {
  const peerIp = normalizeIp(peer);
  if (!peerIp) return undefined;
  if (proxies.kind === "none") return peerIp;
  // Left = client side. An entry that is not an address stays in the chain (it takes a place,
  // so a forged entry cannot shift the count) but is never picked.
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .filter((p) => p.trim() !== "")
      .map((p) => normalizeIp(p) ?? null),
    peerIp,
  ];
  let index: number;
  if (proxies.kind === "hops") {
    index = Math.max(0, chain.length - 1 - proxies.hops);
  } else {
    index = chain.length - 1;
    while (index > 0) {
      const ip = chain[index];
      if (!ip || !isTrustedAddress(ip, proxies)) break;
      index--;
    }
  }
  // Garbage where the client should be: take the nearest real address on the proxy side.
  for (let i = index; i < chain.length; i++) if (chain[i]) return chain[i]!;
  return peerIp;
}

let cachedProxies: { source: string | undefined; value: TrustedProxies } | undefined;
function configuredProxies(): TrustedProxies {
  const source = getConfig().TRUSTED_PROXIES;
  if (!cachedProxies || cachedProxies.source !== source) cachedProxies = { source, value: parseTrustedProxies(source) };
  return cachedProxies.value;
}

/** Undefined when the address is unknown (then only the per-account limit applies). */
export function clientIpFrom(
  headers: Pick<Headers, "get"> | undefined | null,
  proxies: TrustedProxies = configuredProxies(),
): string | undefined {
  if (!headers || !peerAddressIsServerSet()) return undefined;
  return decideClientIp(headers.get(PEER_ADDRESS_HEADER) ?? undefined, headers.get("x-forwarded-for"), proxies);
}
