// Server-sent events for one tenant: which cases and citizens changed (ids only), for the
// dashboard to refetch. Behind the tenant guard (signed out 401, another tenant's slug 404);
// the stream itself re-checks the session and membership (lib/events/stream-access.ts).
import { withTenant } from "@/lib/auth/guard";
import { currentUser } from "@/lib/auth/session";
import { UnauthorizedError } from "@/lib/errors";
import { getEventHub } from "@/lib/events/process-hub";
import { createEventStream } from "@/lib/events/sse";
import { streamStillAllowed } from "@/lib/events/stream-access";

export const dynamic = "force-dynamic";

export const GET = withTenant<{ tenant: string }>("case.read", async (req, ctx, params) => {
  const user = await currentUser();
  if (!user) throw new UnauthorizedError();
  const hub = await getEventHub();
  const lastEventId = req.headers.get("last-event-id") ?? req.nextUrl.searchParams.get("lastEventId");
  const body = createEventStream({
    hub,
    tenantId: ctx.tenantId,
    lastEventId,
    stillAllowed: () => streamStillAllowed(user, params.tenant),
    signal: req.signal,
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Nginx and similar proxies buffer responses unless told not to.
      "x-accel-buffering": "no",
    },
  });
});
