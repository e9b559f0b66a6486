// CSV download of the filtered credit ledger (the billing page's "Export CSV" link). Owners and
// admins (billing.read); the body streams page by page (lib/credits/export-ledger.ts) after the
// export is recorded. Bad filters answer 400 before anything is recorded or streamed.
import { withTenant } from "@/lib/auth/guard";
import { streamLedgerCsv } from "@/lib/credits/export-ledger";
import { ledgerQueryParams } from "@/lib/credits/ledger-schemas";

export const GET = withTenant("billing.read", async (req, ctx) => {
  const stream = await streamLedgerCsv(ctx, ledgerQueryParams(req.nextUrl.searchParams));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // The slug is [a-z0-9-] (lib/tenants/schemas.ts), safe in a header without quoting.
      "content-disposition": `attachment; filename=credits-${ctx.access.tenant.slug}-${day}.csv`,
      "cache-control": "no-store",
    },
  });
});
