// The client's IP address as the reverse proxy reports it. x-real-ip is set (overwritten) by
// the proxy itself; x-forwarded-for's first entry is the original client when every hop is a
// trusted proxy. Without a proxy both can be forged by the client: the per-account lockout
// does not depend on them, only the per-IP limit does.
/** Undefined when no header names one (then only the per-account limit applies). */
export function clientIpFrom(headers: Pick<Headers, "get"> | undefined | null): string | undefined {
  const realIp = headers?.get("x-real-ip")?.trim();
  if (realIp) return realIp;
  const first = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first || undefined;
}
