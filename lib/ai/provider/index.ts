// The AI provider: the only code that talks to Anthropic (through @anthropic-ai/sdk, at
// ANTHROPIC_BASE_URL when set). Features call these, never the SDK.
export { completeText, type AiTextResult } from "./complete-text";
export { streamText, type AiTextStream } from "./stream-text";
export {
  completeStructured,
  toolInputSchema,
  type AiStructuredInput,
  type AiStructuredResult,
} from "./complete-structured";
export { countTokens, type AiCountTokensInput } from "./count-tokens";
export {
  createBatch,
  retrieveBatch,
  listBatches,
  cancelBatch,
  batchResults,
  type AiBatch,
  type AiBatchRequest,
  type AiBatchResult,
} from "./batches";
export { AiNotConfiguredError, AiCallAbortedError, AiReplyShapeError } from "./errors";
export type { AiCallInput, AiMessage, AiUsage } from "./types";
