// CSV download of the filtered audit trail (the viewer's "Export CSV" link). The body streams
// page by page (lib/audit/export.ts); the export is recorded as `audit.exported` first. Bad
// filters answer 400 before anything is recorded or streamed.
import { withTenant } from "@/lib/auth/guard";
import { streamAuditCsv } from "@/lib/audit/export";
import { auditQueryParams } from "@/lib/audit/schemas";

export const GET = withTenant("audit.export", async (req, ctx) => {
  const stream = await streamAuditCsv(ctx, auditQueryParams(req.nextUrl.searchParams));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // The slug is [a-z0-9-] (lib/tenants/schemas.ts), safe in a header without quoting.
      "content-disposition": `attachment; filename=audit-${ctx.access.tenant.slug}-${day}.csv`,
      "cache-control": "no-store",
    },
  });
});
