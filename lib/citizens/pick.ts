// The citizen picker's suggestions (choosing whom a new case is for): the citizens list's own
// search (prefix matches on names, "eriks" → Eriksen), then its similar-names mode when that finds
// nobody, so a typo still offers someone. Only what the picker shows: id, name and place.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { listCitizens } from "./list";
import { citizenListQuerySchema } from "./schemas";
import { formatName } from "@/lib/format/format";

export type CitizenChoice = { id: string; name: string; city: string | null };

export const PICK_LIMIT = 8;

export async function pickCitizens(
  ctx: Pick<TenantContext, "tenantId">,
  input: { q: string },
): Promise<CitizenChoice[]> {
  const query = (mode: "text" | "fuzzy") =>
    citizenListQuerySchema.parse({ q: input.q, mode, sort: "name", limit: PICK_LIMIT });
  let { items } = await listCitizens(ctx, query("text"));
  if (items.length === 0 && input.q.trim().length >= 3) ({ items } = await listCitizens(ctx, query("fuzzy")));
  return items.slice(0, PICK_LIMIT).map((c) => ({ id: c.id, name: formatName(c), city: c.city }));
}
