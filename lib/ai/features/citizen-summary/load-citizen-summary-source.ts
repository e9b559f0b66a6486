// What a citizen summary is made of: the citizen's cases (newest first, at most CASES) and each
// case's timeline (its latest ENTRIES_PER_CASE notes and status changes), loaded through the
// tenant scope, and its fingerprint (stale = "the prompt would now be different").
// Deliberately no citizen field at all: not the name, national ID, date of birth, email, phone
// or address — the prompt says "the citizen" (DESIGN.md invariant 6).
import "server-only";
import type { TenantDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { CasePriority, CaseStatus } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation/uuid";
import { sourceFingerprint } from "@/lib/ai/features/summary/source-fingerprint";
import { SUMMARISED_KINDS, type CaseSummarySourceEntry } from "@/lib/ai/features/case-summary/load-case-summary-source";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

export const CITIZEN_SUMMARY_CASES = 30;
export const ENTRIES_PER_CASE = 10;

export type CitizenSummaryCase = {
  id: string;
  title: string;
  category: string | null;
  status: CaseStatus;
  priority: CasePriority;
  createdAt: string;
  updatedAt: string;
  entries: CaseSummarySourceEntry[];
};

export type CitizenSummarySource = { citizenId: string; cases: CitizenSummaryCase[] };

export async function loadCitizenSummarySource(tx: Tx, citizenId: string): Promise<CitizenSummarySource> {
  if (!isUuid(citizenId)) throw new NotFoundError("Citizen not found");
  const found = await tx.citizen.findUnique({ where: { id: citizenId }, select: { id: true, deletedAt: true } });
  if (!found || found.deletedAt) throw new NotFoundError("Citizen not found");
  const cases = await tx.case.findMany({
    where: { citizenId },
    select: {
      id: true,
      title: true,
      category: true,
      status: true,
      priority: true,
      createdAt: true,
      updatedAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CITIZEN_SUMMARY_CASES,
  });
  const events = await tx.$queryRaw<
    Array<{
      id: string;
      case_id: string;
      kind: CaseSummarySourceEntry["kind"];
      body: string;
      from_status: CaseStatus | null;
      to_status: CaseStatus | null;
      created_at: Date;
    }>
  >`
    SELECT id::text, case_id::text, kind::text AS kind, body, from_status::text AS from_status,
           to_status::text AS to_status, created_at FROM (
      SELECT e.*, row_number() OVER (PARTITION BY e.case_id ORDER BY e.created_at DESC, e.id DESC) AS n
        FROM case_events e
       WHERE e.case_id = ANY(${cases.map((c) => c.id)}::uuid[])
         AND e.kind::text = ANY(${SUMMARISED_KINDS as string[]}::text[])) ranked
     WHERE n <= ${ENTRIES_PER_CASE}
     ORDER BY created_at ASC, id ASC`;
  return {
    citizenId: found.id,
    cases: cases.reverse().map((c) => ({
      id: c.id,
      title: c.title,
      category: c.category,
      status: c.status,
      priority: c.priority,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      entries: events
        .filter((e) => e.case_id === c.id)
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          body: e.kind === "NOTE" ? e.body : "",
          fromStatus: e.from_status,
          toStatus: e.to_status,
          createdAt: e.created_at.toISOString(),
        })),
    })),
  };
}

export function citizenSummarySourceVersion(source: CitizenSummarySource): string {
  return sourceFingerprint([
    source.citizenId,
    source.cases.map((c) => [
      c.id,
      c.title,
      c.category,
      c.status,
      c.priority,
      c.createdAt,
      c.updatedAt,
      c.entries.map((e) => [e.id, e.kind, e.body, e.fromStatus, e.toStatus, e.createdAt]),
    ]),
  ]);
}
