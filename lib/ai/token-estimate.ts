// How many input tokens to reserve for a prompt before the call. Input tokens are not known
// before the call; a count_tokens round trip would add its latency to every answer. Three
// characters a token over-estimates English and Dutch text (Claude's tokenizer averages
// ~3.5–4), so the reservation covers the call; settle charges the real count.
import type { AiMessage } from "@/lib/ai/provider/types";

const CHARS_PER_TOKEN_UPPER_BOUND = 3;
/** Message framing and role markers around the text. */
const FRAMING_TOKENS = 64;

export function maxInputTokensFor(system: string, messages: AiMessage[], extraChars = 0): number {
  const chars = system.length + messages.reduce((n, m) => n + m.content.length, 0) + extraChars;
  return maxTokensForChars(chars) + FRAMING_TOKENS;
}

/** The same bound for a number of characters (calls that add up several prompts themselves). */
export function maxTokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN_UPPER_BOUND);
}
