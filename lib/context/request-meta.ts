// The facts about the caller that audit events record: request id, client IP, browser.
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { requestIdFrom } from "./request-id";
import type { LogContext } from "./request-context";

export function requestMetaFrom(headers: Headers): LogContext {
  const ip = clientIpFrom(headers);
  const userAgent = headers.get("user-agent")?.slice(0, 512) || undefined;
  return { requestId: requestIdFrom(headers), ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}
