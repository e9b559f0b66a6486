// Suggests a category, priority and sentiment for one case (JSON). The guard takes the tenant
// from the URL; another tenant's case answers 404 before any credit is reserved. Refusals are
// JSON errors: 402 (credits, with details.billingUrl), 403 (plan or switched off), 429 (monthly
// limit), 502 (a reply of the wrong shape), 503 AI_NOT_CONFIGURED. Nothing is written to the case.
import { withTenant } from "@/lib/auth/guard";
import { classifyCase } from "@/lib/ai/features/case-classification/classify-case";
import { classifyCaseRequestSchema } from "@/lib/ai/features/case-classification/schemas";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant<{ tenant: string; caseId: string }>("case.update", async (req, ctx, params) => {
  await readJsonBody(req, classifyCaseRequestSchema);
  return Response.json({ classification: await classifyCase(ctx, { caseId: params.caseId }) });
});
