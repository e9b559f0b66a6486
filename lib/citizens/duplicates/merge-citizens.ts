// Merges two citizens a person reviewed side by side (issue #11 item 3). One transaction:
//   - both rows are locked and checked against the versions the reviewer saw (stale → 409);
//   - both rows are snapshotted whole (to_jsonb), so undo can put them back exactly;
//   - the kept record takes each chosen field (PII as ciphertext + blind index together: the
//     ciphertext's associated data is tenant + field, not the row, so it stays valid), the union
//     of both records' tags, each consent purpose's most recent decision, both notes, and the
//     custom-field values it lacked;
//   - the merged record's cases move to the kept record (citizen_id only: nothing else on the
//     case changes, so undo restores the case rows exactly);
//   - the merged record stays as a tombstone (soft-deleted), its candidate row is removed;
//   - the audit event names both ids and the field choices (never a value).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { publishTenantEvent } from "@/lib/events/publish";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MERGE_FIELDS, orderPair, type MergeCitizensInput, type MergeField } from "./schemas";

type Consent = { granted: boolean; at: string; source?: string };

/** The columns each choice copies; a PII field is its ciphertext and blind index together. */
const COLUMNS: Record<MergeField, string[]> = {
  firstName: ["firstName"],
  lastName: ["lastName"],
  email: ["emailEnc", "emailBidx"],
  phone: ["phoneEnc", "phoneBidx"],
  nationalId: ["nationalIdEnc", "nationalIdBidx"],
  dateOfBirth: ["dateOfBirthEnc", "dateOfBirthBidx"],
  addressLine1: ["addressLine1"],
  addressLine2: ["addressLine2"],
  postalCode: ["postalCode"],
  city: ["city"],
  country: ["country"],
  preferredLanguage: ["preferredLanguage"],
};

function mergeConsents(kept: Record<string, Consent>, merged: Record<string, Consent>) {
  const out: Record<string, Consent> = { ...kept };
  for (const [purpose, c] of Object.entries(merged))
    if (!out[purpose] || Date.parse(c.at) > Date.parse(out[purpose]!.at)) out[purpose] = c;
  return out;
}

export type MergeResult = { mergeId: string; keptId: string; mergedId: string; movedCases: number };

export async function mergeCitizens(ctx: TenantContext, input: MergeCitizensInput): Promise<MergeResult> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const t = ctx.tenantId;
    // Locked in id order, so two merges touching the same records cannot deadlock.
    const [first, second] = orderPair(input.keptId, input.mergedId);
    const snaps = await tx.$queryRaw<Array<{ id: string; row: Record<string, unknown> }>>`
      SELECT c.id, to_jsonb(c) AS row FROM citizens c
       WHERE c.tenant_id = ${t}::uuid AND c.id IN (${first}::uuid, ${second}::uuid) AND c.deleted_at IS NULL
       ORDER BY c.id FOR UPDATE`;
    const keptSnap = snaps.find((s) => s.id === input.keptId)?.row;
    const mergedSnap = snaps.find((s) => s.id === input.mergedId)?.row;
    if (!keptSnap || !mergedSnap) throw new NotFoundError("Citizen not found");
    const [kept, merged] = await Promise.all([
      tx.citizen.findUniqueOrThrow({ where: { id: input.keptId } }),
      tx.citizen.findUniqueOrThrow({ where: { id: input.mergedId } }),
    ]);
    if (kept.version !== input.keptVersion || merged.version !== input.mergedVersion)
      throw new ConflictError("One of the records changed after you opened this review. Reload it and choose again.");

    const data: Record<string, unknown> = {};
    for (const field of MERGE_FIELDS)
      if (input.choices[field] === "merged")
        for (const col of COLUMNS[field]) data[col] = merged[col as keyof typeof merged];
    const tags = [...new Set([...kept.tags, ...merged.tags])];
    const consents = mergeConsents(
      kept.consents as Record<string, Consent>,
      merged.consents as Record<string, Consent>,
    );
    const notes = [kept.notes, merged.notes].filter((n) => n.trim() !== "").join("\n\n");
    const customFields = {
      ...(merged.customFields as Record<string, unknown>),
      ...(kept.customFields as Record<string, unknown>),
    };
    await tx.citizen.update({
      where: { id: kept.id },
      data: {
        ...(data as Prisma.CitizenUpdateInput),
        tags,
        consents: consents as Prisma.InputJsonValue,
        notes,
        customFields: customFields as Prisma.InputJsonValue,
        version: { increment: 1 },
        updatedById: ctx.userId,
      },
    });
    await tx.citizen.update({
      where: { id: merged.id },
      data: { deletedAt: new Date(), version: { increment: 1 }, updatedById: ctx.userId },
    });
    const moved = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE cases SET citizen_id = ${kept.id}::uuid
       WHERE tenant_id = ${t}::uuid AND citizen_id = ${merged.id}::uuid RETURNING id`;
    const [a, b] = orderPair(kept.id, merged.id);
    const [candidate] = await tx.$queryRaw<Array<{ row: Record<string, unknown> }>>`
      DELETE FROM duplicate_candidates c WHERE c.tenant_id = ${t}::uuid AND c.citizen_a_id = ${a}::uuid
         AND c.citizen_b_id = ${b}::uuid RETURNING to_jsonb(c) AS row`;
    const choices = Object.fromEntries(MERGE_FIELDS.map((f) => [f, input.choices[f] ?? "kept"]));
    const merge = await tx.citizenMerge.create({
      data: {
        tenantId: t,
        keptId: kept.id,
        mergedId: merged.id,
        choices,
        keptBefore: keptSnap as Prisma.InputJsonValue,
        mergedBefore: mergedSnap as Prisma.InputJsonValue,
        candidateBefore: (candidate?.row ?? undefined) as Prisma.InputJsonValue | undefined,
        movedCaseIds: moved.map((m) => m.id),
        keptAfterVersion: kept.version + 1,
        mergedAfterVersion: merged.version + 1,
        createdById: ctx.userId,
      },
    });
    await recordAudit(tx, {
      tenantId: t,
      action: "citizen.merged",
      targetType: "citizen",
      targetId: kept.id,
      // The choices as lists of field names: keys such as "email" would be redacted as PII.
      data: {
        mergeId: merge.id,
        keptId: kept.id,
        mergedId: merged.id,
        fieldsFromMerged: MERGE_FIELDS.filter((f) => choices[f] === "merged"),
        fieldsFromKept: MERGE_FIELDS.filter((f) => choices[f] === "kept"),
        movedCases: moved.length,
      },
    });
    await publishTenantEvent(tx, t, { type: "citizen.updated", ids: [kept.id] });
    await publishTenantEvent(tx, t, { type: "citizen.deleted", ids: [merged.id] });
    return { mergeId: merge.id, keptId: kept.id, mergedId: merged.id, movedCases: moved.length };
  });
}
