// Extracts a citizen and a case from a pasted letter or email (JSON `{text}`), as pre-fill values
// for the forms and the existing citizens who may be the writer. Nothing is created. Refusals
// are JSON errors: 400/413/415 (body), 402 (credits), 403 (plan or switched off), 429, 502 (a
// reply of the wrong shape), 503 AI_NOT_CONFIGURED.
import { withTenant } from "@/lib/auth/guard";
import { extractIntake } from "@/lib/ai/features/intake/extract-intake";
import { intakeRequestSchema } from "@/lib/ai/features/intake/schemas";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant<{ tenant: string }>("case.create", async (req, ctx) => {
  const input = await readJsonBody(req, intakeRequestSchema);
  return Response.json({ intake: await extractIntake(ctx, input) });
});
