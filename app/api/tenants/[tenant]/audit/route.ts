// The audit trail for API users: one page of events, newest first, with the viewer's filters as
// query parameters (`?action=member.&from=2026-01-01&cursor=…`). Bad filters answer 400 with
// field errors; another tenant answers 404.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { listAuditEvents } from "@/lib/audit/list";
import { auditQueryParams } from "@/lib/audit/schemas";

export const GET = withTenant("audit.read", async (req, ctx) => {
  const page = await listAuditEvents(ctx, auditQueryParams(req.nextUrl.searchParams));
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
