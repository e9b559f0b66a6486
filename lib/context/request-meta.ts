// The facts about the caller that audit events record: request id, client IP, browser.
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { requestIdFrom } from "./request-id";
import type { RequestRecord } from "./request-record";

export function requestMetaFrom(headers: Pick<Headers, "get">): RequestRecord {
  const ip = clientIpFrom(headers);
  const userAgent = headers.get("user-agent")?.slice(0, 512) || undefined;
  return { requestId: requestIdFrom(headers), ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}
