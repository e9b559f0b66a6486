// Natural-language search of the citizens list (JSON `{text}`): the filters the request means, for
// the list's URL, and the words that could not be mapped. Nothing is searched here: the list
// page runs the filters through its own query. Refusals are JSON errors: 400/413/415 (body), 402
// (credits), 403 (plan or switched off), 429, 502 (a reply the list's filters refuse), 503.
import { withTenant } from "@/lib/auth/guard";
import { interpretSearch } from "@/lib/ai/features/nl-search/interpret-search";
import { nlSearchRequestSchema } from "@/lib/ai/features/nl-search/schemas";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant<{ tenant: string }>("ai.use", async (req, ctx) => {
  const input = await readJsonBody(req, nlSearchRequestSchema);
  return Response.json({ search: await interpretSearch(ctx, "citizens", input) });
});
