// Which address is the client's: the decision table of lib/rate-limit/client-ip.ts.
import {
  clientIpFrom,
  decideClientIp,
  markPeerAddressHookInstalled,
  PEER_ADDRESS_HEADER,
} from "@/lib/rate-limit/client-ip";
import { normalizeIp, parseTrustedProxies } from "@/lib/rate-limit/trusted-proxies";
import { parseConfig } from "@/lib/config";

const none = parseTrustedProxies(undefined);
const oneHop = parseTrustedProxies("1");
const twoHops = parseTrustedProxies("2");
const cidrs = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8");

describe("decideClientIp", () => {
  test.each([
    // [peer, X-Forwarded-For, proxies, expected]
    ["no proxies: the peer, whatever XFF says", "203.0.113.5", "198.51.100.66", none, "203.0.113.5"],
    ["no proxies: a rotated XFF changes nothing", "203.0.113.5", "1.1.1.1, 2.2.2.2", none, "203.0.113.5"],
    ["no peer: unknown", undefined, "198.51.100.66", oneHop, undefined],
    ["1 hop: the entry the proxy appended", "10.0.0.2", "203.0.113.5", oneHop, "203.0.113.5"],
    ["1 hop: a forged left part is skipped", "10.0.0.2", "6.6.6.6, 203.0.113.5", oneHop, "203.0.113.5"],
    ["1 hop: no XFF at all is the peer", "10.0.0.2", null, oneHop, "10.0.0.2"],
    ["2 hops: the second from the right", "10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.9", twoHops, "203.0.113.5"],
    ["2 hops, shorter chain: the left-most", "10.0.0.2", "203.0.113.5", twoHops, "203.0.113.5"],
    [
      "CIDRs: the right-most untrusted",
      "10.0.0.2",
      "6.6.6.6, 203.0.113.5, 192.168.1.7, 10.1.2.3",
      cidrs,
      "203.0.113.5",
    ],
    ["CIDRs: an untrusted peer is the client, XFF ignored", "203.0.113.8", "6.6.6.6", cidrs, "203.0.113.8"],
    ["CIDRs: all trusted gives the left-most", "10.0.0.2", "10.9.9.9", cidrs, "10.9.9.9"],
    ["CIDRs: a single address is /32 only", "192.168.1.8", "6.6.6.6", cidrs, "192.168.1.8"],
    ["IPv6 proxy range and an IPv6 client", "fd00::1", "2001:db8::7", cidrs, "2001:db8::7"],
    ["IPv6 brackets and port, IPv4-mapped peer", "::ffff:10.0.0.2", "[2001:DB8::7]:443", cidrs, "2001:db8::7"],
    ["IPv4 with a port in XFF", "10.0.0.2", "203.0.113.5:51234", oneHop, "203.0.113.5"],
    ["garbage where the client is: the nearest real address", "10.0.0.2", "<script>", oneHop, "10.0.0.2"],
    ["garbage cannot shift the hop count", "10.0.0.2", "203.0.113.5, nonsense", twoHops, "203.0.113.5"],
    ["garbage in CIDR mode stops the walk", "10.0.0.2", "6.6.6.6, unknown, 10.1.1.1", cidrs, "10.1.1.1"],
    ["an empty XFF", "10.0.0.2", " , ", oneHop, "10.0.0.2"],
    ["a peer that is not an address", "not-an-ip", "203.0.113.5", oneHop, undefined],
  ])("%s", (_label, peer, xff, proxies, expected) => {
    expect(decideClientIp(peer, xff, proxies)).toBe(expected);
  });
});

describe("clientIpFrom", () => {
  test("without the server hook no header is believed, not even the peer header", () => {
    expect(
      clientIpFrom(
        new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.5", "x-real-ip": "1.1.1.1", "x-forwarded-for": "2.2.2.2" }),
        oneHop,
      ),
    ).toBeUndefined();
  });

  test("with it: the peer header and, per TRUSTED_PROXIES, XFF; X-Real-IP never", () => {
    markPeerAddressHookInstalled();
    const headers = new Headers({
      [PEER_ADDRESS_HEADER]: "10.0.0.2",
      "x-real-ip": "1.1.1.1",
      "x-forwarded-for": "2.2.2.2, 203.0.113.5",
    });
    expect(clientIpFrom(headers, none)).toBe("10.0.0.2");
    expect(clientIpFrom(headers, oneHop)).toBe("203.0.113.5");
    expect(clientIpFrom(undefined, oneHop)).toBeUndefined();
  });
});

describe("TRUSTED_PROXIES", () => {
  test.each(["1", "3", "10.0.0.0/8", "10.0.0.0/8,fd00::/8", " 192.0.2.7 , 2001:db8::/32 "])("%p is accepted", (v) => {
    expect(parseConfig({ TRUSTED_PROXIES: v }).TRUSTED_PROXIES).toBe(v);
  });
  test.each(["0", "11", "-1", "yes", "10.0.0.0/33", "fd00::/129", "10.0.0/8", "10.0.0.0/8/1", "10.0.0.0/8,,", "*"])(
    "%p is refused with a message naming it",
    (v) => {
      expect(() => parseConfig({ TRUSTED_PROXIES: v })).toThrow(/TRUSTED_PROXIES/);
    },
  );
  test("normalizeIp keeps only real addresses", () => {
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeIp("999.1.1.1")).toBeUndefined();
    expect(normalizeIp("")).toBeUndefined();
  });
});
