// The citizen behind a URL segment, for the record and edit pages: a malformed id or another
// tenant's id is Next's not-found page, never an error.
import "server-only";
import { notFound } from "next/navigation";
import { getCitizen } from "@/lib/citizens/read";
import { NotFoundError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadCitizen(tenantId: string, id: string, options: { includeDeleted?: boolean } = {}) {
  if (!UUID.test(id)) notFound();
  return getCitizen({ tenantId }, id, options).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
}
