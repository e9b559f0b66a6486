// What a case summary is made of, loaded through the tenant-scoped transaction, and its
// fingerprint. Shared by the prompt builder (what is sent) and the reader (is the stored summary
// still about the same thing?), so "stale" means exactly "the prompt would now be different".
import "server-only";
import { sourceFingerprint } from "@/lib/ai/features/summary/source-fingerprint";
import type { TenantDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { CaseEventKind, CasePriority, CaseStatus } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation/uuid";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

/** The timeline kinds a summary covers: notes and the status history (assignments name staff, not facts of the case). */
export const SUMMARISED_KINDS: CaseEventKind[] = ["CREATED", "NOTE", "STATUS_CHANGED"];

export type CaseSummarySourceEntry = {
  id: string;
  kind: "CREATED" | "NOTE" | "STATUS_CHANGED";
  body: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  createdAt: string;
};

/**
 * Deliberately no citizen fields at all: not the name, national ID, email, phone, address or
 * date of birth. The prompt calls the person "the citizen" (DESIGN.md invariant 6).
 */
export type CaseSummarySource = {
  caseId: string;
  title: string;
  category: string | null;
  status: CaseStatus;
  priority: CasePriority;
  createdAt: string;
  updatedAt: string;
  entries: CaseSummarySourceEntry[];
};

export async function loadCaseSummarySource(tx: Tx, caseId: string): Promise<CaseSummarySource> {
  if (!isUuid(caseId)) throw new NotFoundError("Case not found");
  const found = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      title: true,
      category: true,
      status: true,
      priority: true,
      createdAt: true,
      updatedAt: true,
      citizen: { select: { deletedAt: true } },
    },
  });
  // A case of a deleted (erased) citizen is gone for every reader, as on the case page.
  if (!found || found.citizen.deletedAt) throw new NotFoundError("Case not found");
  const events = await tx.caseEvent.findMany({
    where: { caseId, kind: { in: SUMMARISED_KINDS } },
    select: { id: true, kind: true, body: true, fromStatus: true, toStatus: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    caseId: found.id,
    title: found.title,
    category: found.category,
    status: found.status,
    priority: found.priority,
    createdAt: found.createdAt.toISOString(),
    updatedAt: found.updatedAt.toISOString(),
    entries: events.map((e) => ({
      id: e.id,
      kind: e.kind as CaseSummarySourceEntry["kind"],
      body: e.kind === "NOTE" ? e.body : "",
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/**
 * A deterministic fingerprint of everything the prompt is built from (SHA-256 of the source in a
 * fixed key order). A new note, a status change or an edited title changes it; reading it twice
 * does not.
 */
export function caseSummarySourceVersion(source: CaseSummarySource): string {
  return sourceFingerprint([
    source.caseId,
    source.title,
    source.category,
    source.status,
    source.priority,
    source.createdAt,
    source.updatedAt,
    source.entries.map((e) => [e.id, e.kind, e.body, e.fromStatus, e.toStatus, e.createdAt]),
  ]);
}
