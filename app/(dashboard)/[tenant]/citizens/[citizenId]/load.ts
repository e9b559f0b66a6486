// The citizen behind a URL segment, for the record layout and the record and edit pages: a
// malformed id or another tenant's id is Next's not-found page (status 404), never an error.
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getCitizen } from "@/lib/citizens/read";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";

export async function loadCitizen(tenantId: string, id: string, options: { includeDeleted?: boolean } = {}) {
  if (!isUuid(id)) notFound();
  return getCitizen({ tenantId }, id, options).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
}

/** The record (trashed ones included), read once per request by the layout, metadata and page. */
export const loadCitizenRecord = cache((tenantId: string, id: string) =>
  loadCitizen(tenantId, id, { includeDeleted: true }),
);
