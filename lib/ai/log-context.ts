// Every log line written inside an AI call carries `ai_feature` (DESIGN.md invariant 8), next
// to the request's request_id / tenant_id / user_id: the call runs in a copy of the current
// log context with the feature added (lib/context/request-context.ts, read by lib/log).
import type { AiFeature } from "@/lib/ai/features";
import { currentLogContext, runWithLogContext } from "@/lib/context/request-context";
import { newRequestId } from "@/lib/context/request-id";

export function withAiFeature<T>(feature: AiFeature, fn: () => T): T {
  const current = currentLogContext();
  return runWithLogContext({ ...(current ?? { requestId: newRequestId() }), aiFeature: feature }, fn);
}
