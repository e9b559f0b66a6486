// The existing citizens an extracted writer may be: the same email (blind index), the same
// phone (blind index), then similar names (trigram). Offered to the person, never assumed:
// the caller shows them with the reason and the person picks one or creates a new citizen.
import "server-only";
import { listCitizens } from "@/lib/citizens/list";
import { piiBlindIndex } from "@/lib/citizens/pii";
import { citizenListQuerySchema } from "@/lib/citizens/schemas";
import type { TenantContext } from "@/lib/context/request-context";
import { tenantQuery } from "@/lib/db/tenant-read";
import { Prisma } from "@/lib/generated/prisma/client";

export type CitizenMatch = { id: string; name: string; city: string | null; reason: "email" | "phone" | "name" };

const LIMIT = 5;

export async function matchCitizens(
  ctx: Pick<TenantContext, "tenantId">,
  who: { firstName?: string; lastName?: string; email?: string; phone?: string },
): Promise<CitizenMatch[]> {
  const out = new Map<string, CitizenMatch>();
  const add = (
    rows: Array<{ id: string; firstName: string; lastName: string; city: string | null }>,
    reason: CitizenMatch["reason"],
  ) => {
    for (const r of rows)
      if (!out.has(r.id) && out.size < LIMIT)
        out.set(r.id, { id: r.id, name: `${r.firstName} ${r.lastName}`, city: r.city, reason });
  };
  if (who.email)
    add((await listCitizens(ctx, citizenListQuerySchema.parse({ email: who.email, limit: LIMIT }))).items, "email");
  if (who.phone) {
    const rows = await tenantQuery<{ id: string; first_name: string; last_name: string; city: string | null }>(
      ctx.tenantId,
      Prisma.sql`SELECT id::text, first_name, last_name, city FROM citizens
                 WHERE tenant_id = ${ctx.tenantId}::uuid AND deleted_at IS NULL
                   AND phone_bidx = ${piiBlindIndex(ctx.tenantId, "phone", who.phone)} LIMIT ${LIMIT}`,
    );
    add(
      rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, city: r.city })),
      "phone",
    );
  }
  const name = [who.firstName, who.lastName].filter(Boolean).join(" ").trim();
  if (name.length >= 3)
    add(
      (await listCitizens(ctx, citizenListQuerySchema.parse({ q: name, mode: "fuzzy", limit: LIMIT }))).items,
      "name",
    );
  return [...out.values()];
}
