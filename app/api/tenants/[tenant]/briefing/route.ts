// "Generate now" for the daily briefing (JSON): OWNER/ADMIN only (ai_settings.manage), for the
// tenant in the URL. The same writeBriefing as the 15-minute job, so it is idempotent for the
// day: a briefing already written (or being written) is returned without a second charge.
// Refusals are JSON errors: 402 (credits), 403 (role, plan or switched off), 429 (monthly
// limit), 502 (provider), 503 AI_NOT_CONFIGURED.
import { withTenant } from "@/lib/auth/guard";
import { generateBriefingNow } from "@/lib/ai/features/briefing/generate-briefing-now";
import { generateBriefingRequestSchema } from "@/lib/ai/features/briefing/schemas";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant<{ tenant: string }>("ai_settings.manage", async (req, ctx) => {
  await readJsonBody(req, generateBriefingRequestSchema);
  return Response.json(await generateBriefingNow(ctx));
});
