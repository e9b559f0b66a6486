// CSV download of the filtered citizens list (the list page's "Export CSV" link, same query
// parameters). Streams page by page (lib/citizens/export.ts), decrypted: recorded as
// `citizen.exported` first. Bad filters answer 400 before anything is recorded or streamed.
import { withTenant } from "@/lib/auth/guard";
import { streamCitizensCsv } from "@/lib/citizens/export";

export const GET = withTenant("citizen.export", async (req, ctx) => {
  const stream = await streamCitizensCsv(ctx, Object.fromEntries(req.nextUrl.searchParams));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // The slug is [a-z0-9-] (lib/tenants/schemas.ts), safe in a header without quoting.
      "content-disposition": `attachment; filename=citizens-${ctx.access.tenant.slug}-${day}.csv`,
      "cache-control": "no-store",
    },
  });
});
