// The prompt of the case classification: the case's own text and its notes (never a citizen
// field), inside delimited, escaped blocks, and the tenant's categories as the only ones
// allowed. Pure (renderClassificationPrompt) plus the loader through the tenant scope.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { dataBlock, dataRule, recordBlock } from "@/lib/ai/prompt/data-block";
import type { CasePriority } from "@/lib/generated/prisma/client";

export const CLASSIFICATION_TOOL = "classify_case";

/** The latest notes only: enough to classify, and the prompt (and its cost) stays bounded. */
export const CLASSIFICATION_NOTES = 20;
const NOTE_CHARS = 2_000;

export type ClassificationSource = {
  caseId: string;
  title: string;
  description: string;
  category: string | null;
  priority: CasePriority;
  version: number;
  notes: Array<{ id: string; body: string; createdAt: string }>;
};

export function renderClassificationPrompt(source: ClassificationSource, categories: readonly string[]) {
  const system = [
    "You classify a casework record for the staff member handling it, by calling the classify_case tool once.",
    dataRule(["case_record", "notes"], "the classification"),
    categories.length
      ? "Choose the category from the list in <categories> only; choose the one that fits best even if none fits well."
      : "The organisation has no categories yet: suggest priority and sentiment only.",
    "Priority: LOW (no time pressure), NORMAL, HIGH (affects health, safety or income soon), URGENT (danger now).",
    "Sentiment is the tone of what the citizen wrote. The reason is one short line, without names or contact details.",
  ].join("\n");
  const record = recordBlock("case_record", {
    title: source.title,
    description: source.description.slice(0, NOTE_CHARS) || "(none)",
    "current category": source.category ?? "none",
    "current priority": source.priority,
  });
  const notes = [
    "<notes>",
    ...source.notes.map((n) => dataBlock("note", n.body.slice(0, NOTE_CHARS), { date: n.createdAt.slice(0, 10) })),
    "</notes>",
  ].join("\n");
  const list = categories.length ? `\n\n${dataBlock("categories", categories.join("\n"))}` : "";
  return {
    system,
    messages: [{ role: "user" as const, content: `${record}\n\n${notes}${list}\n\nClassify this case.` }],
  };
}

export async function loadClassificationSource(
  ctx: Pick<TenantContext, "tenantId">,
  caseId: string,
): Promise<ClassificationSource> {
  if (!isUuid(caseId)) throw new NotFoundError("Case not found");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.case.findUnique({
      where: { id: caseId },
      select: {
        id: true,
        title: true,
        description: true,
        category: true,
        priority: true,
        version: true,
        citizen: { select: { deletedAt: true } },
      },
    });
    if (!found || found.citizen.deletedAt) throw new NotFoundError("Case not found");
    const notes = await tx.caseEvent.findMany({
      where: { caseId, kind: "NOTE" },
      select: { id: true, body: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CLASSIFICATION_NOTES,
    });
    return {
      caseId: found.id,
      title: found.title,
      description: found.description,
      category: found.category,
      priority: found.priority,
      version: found.version,
      notes: notes.reverse().map((n) => ({ id: n.id, body: n.body, createdAt: n.createdAt.toISOString() })),
    };
  });
}
