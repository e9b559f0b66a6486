// One chat question, end to end (issue 11 item 2): gate → reserve → the model writes SQL through
// the forced `run_sql` tool → runChatQuery (guard + chat role) → on refusal the reason goes back
// to the model ONCE → the rows are sent to the client (a `chat_result` frame) and the answer
// streams from a second call that is given only the question, the SQL and the rows.
// When the second SQL is refused too, no model text is shown: the person reads "I could not
// answer that safely" and the reason. One reservation covers every call of the question and is
// settled once (one usage row); the turn and its audit event (`chat.question`: SQL, row count)
// are stored when the stream ends (complete, cancelled or failed).
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { completeStructured, streamText, type AiUsage } from "@/lib/ai/provider";
import { AiReplyShapeError } from "@/lib/ai/provider/errors";
import { ZERO_USAGE } from "@/lib/ai/provider/types";
import { CHARGE_URL_HEADER, type ChatResultFrame } from "@/lib/ai/stream/protocol";
import { aiStreamResponse, type AiStreamSource } from "@/lib/ai/stream/server";
import type { GuardedContext } from "@/lib/auth/guard";
import { aiStatus } from "@/lib/config/ai";
import { releaseReservation, reserveCredits, settleReservation } from "@/lib/credits";
import { chargeUrl } from "@/lib/credits/read-reservation-charge";
import { parseInput } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { CHAT_ANSWER_SYSTEM, CHAT_SQL_SYSTEM, chatAnswerMessages, chatSqlMessages } from "./build-chat-prompt";
import { readChatConversation } from "./conversations/read-chat-conversation";
import { saveChatTurn } from "./conversations/save-chat-turn";
import type { ChatTurn } from "./conversations/types";
import { runChatQuery, type ChatQueryResult } from "./run-chat-query";
import { maxTokensForChars } from "@/lib/ai/token-estimate";
import { askChatSchema, runSqlToolSchema } from "./schemas";

export const CHAT_REFUSED_ANSWER = "I could not answer that safely";
const SQL_MAX_TOKENS = 1_024;
/** The rows prompt at the cap: 100 rows of a few short columns. */
const ROWS_PROMPT_CHARS = 24_000;

const addUsage = (a: AiUsage, b: AiUsage): AiUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
  cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
});

export async function askChat(ctx: GuardedContext, raw: unknown, signal?: AbortSignal): Promise<Response> {
  const feature = "chat" as const;
  const config = await assertAiFeatureAllowed(ctx, feature, aiStatus());
  const input = parseInput(askChatSchema, raw, "The question could not be asked");
  const existing = input.conversationId ? await readChatConversation(ctx, input.conversationId) : null;
  const conversationId = existing?.id ?? randomUUID();
  const history = (existing?.turns ?? []).map((t) => ({ question: t.question, answer: t.answer, sql: t.sql }));

  const sqlPromptChars = CHAT_SQL_SYSTEM.length + chatSqlMessages(input.question, history)[0]!.content.length + 9_000;
  const answerPromptChars = CHAT_ANSWER_SYSTEM.length + input.question.length + 8_000 + ROWS_PROMPT_CHARS;
  const reservation = await reserveCredits(ctx, {
    feature,
    model: config.model,
    // Up to two SQL calls (one retry after a refusal) and the answer, each with its framing.
    maxInputTokens: maxTokensForChars(2 * sqlPromptChars + answerPromptChars) + 192,
    maxOutputTokens: 2 * SQL_MAX_TOKENS + config.maxTokens,
    limits: { tenantMonthly: config.monthlyCreditLimit, userMonthly: config.perUserMonthlyCreditLimit },
  });
  const started = performance.now();
  let usage: AiUsage = { ...ZERO_USAGE };
  const settle = (outcome: "ok" | "cancelled" | "error", total: AiUsage) =>
    settleReservation(ctx, reservation.id, {
      usage: total,
      model: config.model,
      outcome,
      latencyMs: Math.round(performance.now() - started),
    });

  // Phase 1: SQL, with one second chance after a refusal. A provider failure here settles what
  // was used (nothing, for a failure before the first call) and surfaces as a JSON error.
  let result: ChatQueryResult;
  try {
    const ask = async (refusal?: { sql: string; reason: string }) => {
      const reply = await completeStructured({
        feature,
        model: config.model,
        system: CHAT_SQL_SYSTEM,
        messages: chatSqlMessages(input.question, history, refusal),
        maxTokens: SQL_MAX_TOKENS,
        temperature: 0,
        schema: runSqlToolSchema,
        toolName: "run_sql",
        toolDescription: "Runs one read-only SELECT over the chat views and returns at most 100 rows.",
        signal,
      });
      usage = addUsage(usage, reply.usage);
      return runChatQuery(ctx.tenantId, reply.value.sql);
    };
    result = await ask();
    if (!result.ok) result = await ask({ sql: result.sql, reason: result.reason });
  } catch (err) {
    if (err instanceof AiReplyShapeError) usage = addUsage(usage, err.usage);
    if (usage.inputTokens + usage.outputTokens === 0) await releaseReservation(ctx, reservation.id);
    else await settle("error", usage);
    throw err;
  }

  const frame: ChatResultFrame = result.ok
    ? {
        conversationId,
        sql: result.sql,
        ok: true,
        columns: result.columns,
        rows: result.rows,
        rowCount: result.rowCount,
        truncated: result.truncated,
      }
    : {
        conversationId,
        sql: result.sql,
        ok: false,
        reason: result.reason,
        columns: [],
        rows: [],
        rowCount: 0,
        truncated: false,
      };

  let source: AiStreamSource;
  let answer = "";
  if (result.ok) {
    let stream;
    try {
      stream = streamText({
        feature,
        model: config.model,
        system: CHAT_ANSWER_SYSTEM,
        messages: chatAnswerMessages(input.question, result.sql, result),
        maxTokens: config.maxTokens,
        temperature: config.temperature,
        signal,
      });
    } catch (err) {
      await settle("error", usage);
      throw err;
    }
    const answerStream = stream;
    source = {
      usageSoFar: () => addUsage(usage, answerStream.usageSoFar()),
      abort: () => answerStream.abort(),
      async *[Symbol.asyncIterator]() {
        for await (const delta of answerStream) {
          answer += delta;
          yield delta;
        }
      },
    };
  } else {
    answer = `${CHAT_REFUSED_ANSWER}: ${result.reason}`;
    const text = answer;
    source = {
      usageSoFar: () => usage,
      abort: () => {},
      async *[Symbol.asyncIterator]() {
        yield text;
      },
    };
  }

  const inRequest = AsyncLocalStorage.snapshot();
  return aiStreamResponse({
    stream: source,
    prelude: [{ event: "chat_result", data: frame }],
    headers: { [CHARGE_URL_HEADER]: chargeUrl(ctx.access.tenant.slug, reservation.id) },
    settle: ({ outcome, usage: total }) =>
      inRequest(async () => {
        const settled = await settle(outcome, total);
        // Kept (and audited) whatever the outcome: the SQL ran even when the answer was cut.
        const { conversationId: _id, ...shown } = frame;
        const turn: ChatTurn = { ...shown, question: input.question, answer, at: new Date().toISOString() };
        try {
          await saveChatTurn(ctx, { conversationId, isNew: !existing, turn });
        } catch (err) {
          // The answer was streamed and paid for; not keeping it in the history must not turn
          // it into an error for the person reading it.
          logger.warn({ err, conversationId }, "chat turn not stored");
        }
        return { creditsUsed: Number(settled.creditsUsed), balance: Number(settled.balance) };
      }),
  });
}
