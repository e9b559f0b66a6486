// The chat end to end through its business functions and the real SDK, against the local
// Anthropic wire server: the model's run_sql call runs as the chat role and its rows reach the
// client before the streamed answer; a refusal goes back to the model once, a second refusal
// ends in "I could not answer that safely" and the reason; one reservation settled to one usage
// row; the turn and a `chat.question` audit event (SQL, row count, no question text) stored;
// conversations per user (list, read, delete), another user's or tenant's ids are 404.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { decodeAiFrames, type AiStreamFrame, type ChatResultFrame } from "@/lib/ai/stream/protocol";
import type { GuardedContext } from "@/lib/auth/guard";
import { askChat, CHAT_REFUSED_ANSWER } from "@/lib/chat/ask-chat";
import { deleteChatConversation } from "@/lib/chat/conversations/delete-chat-conversation";
import { listChatConversations } from "@/lib/chat/conversations/list-chat-conversations";
import { readChatConversation } from "@/lib/chat/conversations/read-chat-conversation";
import { grantCredits, readCreditBalance } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { withAnthropicServer } from "../support/anthropic-env";
import { inRequestContext } from "../support/request-context";

const wire = withAnthropicServer();

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function world(credits = 1000) {
  const db = await getDb();
  const slug = `chat-${randomUUID().slice(0, 10)}`;
  const tenant = await db.tenant.create({ data: { slug, name: "Chat Org", plan: "PRO" } });
  const user = await db.user.create({
    data: { email: `chat-${randomUUID().slice(0, 8)}@chat.test`, name: "Asker", emailVerifiedAt: new Date() },
  });
  await db.forTenant({ tenantId: tenant.id }).membership.create({
    data: { tenantId: tenant.id, userId: user.id, role: "MEMBER" },
  });
  const ctx = {
    tenantId: tenant.id,
    userId: user.id,
    role: "MEMBER",
    requestId: `test-${randomUUID()}`,
    access: { tenant: { id: tenant.id, slug, name: tenant.name } },
  } as unknown as GuardedContext;
  if (credits > 0)
    await inRequestContext(ctx, () => grantCredits({ tenantId: tenant.id, credits, kind: "grant", reason: "test" }));
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const c = await tx.citizen.create({
      data: { tenantId: tenant.id, firstName: "Secretname", lastName: "Probe", city: "Riverside" },
    });
    const cases: [string | null, "OPEN" | "CLOSED"][] = [
      ["Roads", "OPEN"],
      ["Roads", "OPEN"],
      ["Housing", "OPEN"],
      ["Housing", "CLOSED"],
      [null, "OPEN"],
    ];
    for (const [category, status] of cases)
      await tx.case.create({ data: { tenantId: tenant.id, citizenId: c.id, title: "Hidden title", category, status } });
  });
  const as = <T>(fn: () => Promise<T>) => inRequestContext(ctx, fn);
  return { ctx, as };
}

async function ask(ctx: GuardedContext, body: unknown) {
  const res = await inRequestContext(ctx, () => askChat(ctx, body));
  const frames = decodeAiFrames(await res.text()).frames;
  const result = frames.find((f) => f.event === "chat_result")?.data as ChatResultFrame | undefined;
  const text = frames
    .filter((f): f is Extract<AiStreamFrame, { event: "text" }> => f.event === "text")
    .map((f) => f.data.text)
    .join("");
  return { frames, result, text, last: frames.at(-1)! };
}

async function auditOf(tenantId: string, action: string) {
  return (await getDb())
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          { target_id: string; data: Record<string, unknown> }[]
        >`SELECT target_id, data FROM audit_events WHERE tenant_id = ${tenantId}::uuid AND action = ${action} ORDER BY seq`,
    );
}

async function usageRows(tenantId: string) {
  return (await getDb()).forTenant({ tenantId }).aiUsage.count({ where: { feature: "chat" } });
}

it("runs the model's SQL as the chat role, sends the rows before the answer, settles once and keeps the turn", async () => {
  const { ctx } = await world();
  const { frames, result, text, last } = await ask(ctx, { question: "How many open cases per category?" });
  expect(frames[0]!.event).toBe("chat_result");
  expect(result).toMatchObject({
    ok: true,
    columns: ["category", "cases"],
    rows: [
      ["Roads", 2],
      ["(none)", 1],
      ["Housing", 1],
    ],
    rowCount: 3,
    truncated: false,
  });
  expect(result!.sql).toContain("status = 'OPEN'");
  expect(text).toContain("[cases]");
  expect(last.event).toBe("done");
  // Two provider calls (SQL, answer), one usage row, the hold settled: balance = grant − charge.
  expect(wire().requests.filter((r) => r.path === "/v1/messages")).toHaveLength(2);
  expect(await usageRows(ctx.tenantId)).toBe(1);
  const { creditsUsed, balance } = last.data as { creditsUsed: number; balance: number };
  expect(BigInt(balance)).toBe((await readCreditBalance(ctx)).balance);
  expect(balance).toBe(1000 - creditsUsed);
  // The model saw the views' description and the rows, never a citizen's name or a case title.
  expect(wire().received("Secretname")).toBe(false);
  expect(wire().received("Hidden title")).toBe(false);

  const conversations = await inRequestContext(ctx, () => listChatConversations(ctx));
  expect(conversations).toEqual([
    expect.objectContaining({ id: result!.conversationId, title: "How many open cases per category?" }),
  ]);
  const detail = await inRequestContext(ctx, () => readChatConversation(ctx, result!.conversationId));
  expect(detail.turns).toEqual([
    expect.objectContaining({
      question: "How many open cases per category?",
      answer: text,
      sql: result!.sql,
      rowCount: 3,
    }),
  ]);
  const audit = await auditOf(ctx.tenantId, "chat.question");
  expect(audit).toEqual([
    {
      target_id: result!.conversationId,
      data: { sql: result!.sql, rowCount: 3, truncated: false, outcome: "answered" },
    },
  ]);
});

it("a follow-up question joins the same conversation and the model sees the earlier question", async () => {
  const { ctx } = await world();
  const first = await ask(ctx, { question: "Cases per category?" });
  const second = await ask(ctx, { question: "And per priority?", conversationId: first.result!.conversationId });
  expect(second.result).toMatchObject({
    ok: true,
    conversationId: first.result!.conversationId,
    columns: ["priority", "cases"],
  });
  const sqlRequest = wire()
    .requests.filter((r) => r.path === "/v1/messages")
    .at(-2)!;
  expect(sqlRequest.rawBody).toContain("Cases per category?");
  const detail = await inRequestContext(ctx, () => readChatConversation(ctx, first.result!.conversationId));
  expect(detail.turns.map((t) => t.question)).toEqual(["Cases per category?", "And per priority?"]);
});

it("a refused SQL goes back to the model once with the reason; a good second try answers", async () => {
  const { ctx } = await world();
  wire().script({ kind: "tool", toolName: "run_sql", input: { sql: "SELECT first_name FROM public.citizens" } });
  const { result, last } = await ask(ctx, { question: "How many cases?" });
  expect(result).toMatchObject({ ok: true, columns: ["status", "cases"] });
  expect(last.event).toBe("done");
  const retry = wire().requests.filter((r) => r.path === "/v1/messages")[1]!;
  expect(retry.rawBody).toContain("refused_sql");
  expect(retry.rawBody).toContain("outside the chat schema");
});

it("a second refusal ends in 'I could not answer that safely' with the reason, and nothing the model wrote", async () => {
  const { ctx } = await world();
  wire().script(
    { kind: "tool", toolName: "run_sql", input: { sql: "DELETE FROM cases" } },
    { kind: "tool", toolName: "run_sql", input: { sql: "SELECT * FROM pg_authid" } },
  );
  const { result, text, last } = await ask(ctx, { question: "Delete everything" });
  expect(result).toMatchObject({ ok: false, sql: "SELECT * FROM pg_authid", rows: [], rowCount: 0 });
  expect(result!.reason).toMatch(/System catalogs/);
  expect(text).toBe(`${CHAT_REFUSED_ANSWER}: ${result!.reason}`);
  expect(last.event).toBe("done");
  // Only the two SQL calls were made (no answer call), and they were charged.
  expect(wire().requests.filter((r) => r.path === "/v1/messages")).toHaveLength(2);
  expect(await usageRows(ctx.tenantId)).toBe(1);
  const audit = await auditOf(ctx.tenantId, "chat.question");
  expect(audit[0]!.data).toMatchObject({ outcome: "refused", rowCount: 0, sql: "SELECT * FROM pg_authid" });
  expect(await (await getDb()).forTenant(ctx).case.count()).toBe(5);
});

it("refuses bad input, a missing balance and someone else's conversation before any provider call", async () => {
  const { ctx } = await world();
  await expect(inRequestContext(ctx, () => askChat(ctx, { question: "" }))).rejects.toMatchObject({ status: 400 });
  await expect(inRequestContext(ctx, () => askChat(ctx, { question: "x".repeat(1001) }))).rejects.toMatchObject({
    status: 400,
  });
  await expect(inRequestContext(ctx, () => askChat(ctx, { question: 42 }))).rejects.toMatchObject({ status: 400 });
  await expect(
    inRequestContext(ctx, () => askChat(ctx, { question: "Hi", conversationId: "not-a-uuid" })),
  ).rejects.toMatchObject({ status: 400 });
  await expect(
    inRequestContext(ctx, () => askChat(ctx, { question: "Hi", conversationId: randomUUID() })),
  ).rejects.toMatchObject({ status: 404 });
  const poor = await world(0);
  await expect(inRequestContext(poor.ctx, () => askChat(poor.ctx, { question: "Hi" }))).rejects.toMatchObject({
    status: 402,
  });
  expect(wire().requests.filter((r) => r.path === "/v1/messages")).toHaveLength(0);
});

describe("conversations belong to their user", () => {
  it("a colleague and another tenant cannot list, read, continue or delete them; the owner can delete", async () => {
    const { ctx } = await world();
    const { result } = await ask(ctx, { question: "Cases per status?" });
    const id = result!.conversationId;
    const colleague = { ...ctx, userId: randomUUID() } as GuardedContext;
    const other = await world();
    const intruders = [colleague, { ...other.ctx, userId: ctx.userId } as GuardedContext, other.ctx];
    for (const who of intruders) {
      await expect(inRequestContext(who, () => listChatConversations(who))).resolves.toEqual([]);
      await expect(inRequestContext(who, () => readChatConversation(who, id))).rejects.toMatchObject({ status: 404 });
      await expect(inRequestContext(who, () => deleteChatConversation(who, id))).rejects.toMatchObject({ status: 404 });
      await expect(
        inRequestContext(who, () => askChat(who, { question: "More?", conversationId: id })),
      ).rejects.toMatchObject({ status: 404 });
    }
    await expect(inRequestContext(ctx, () => readChatConversation(ctx, "garbage"))).rejects.toMatchObject({
      status: 404,
    });
    await inRequestContext(ctx, () => deleteChatConversation(ctx, id));
    await expect(inRequestContext(ctx, () => readChatConversation(ctx, id))).rejects.toMatchObject({ status: 404 });
    expect(await inRequestContext(ctx, () => listChatConversations(ctx))).toEqual([]);
    expect(await auditOf(ctx.tenantId, "chat.conversation_deleted")).toEqual([{ target_id: id, data: {} }]);
  });
});

describe("provider failures before the answer", () => {
  async function openHolds(tenantId: string) {
    return (await getDb()).forTenant({ tenantId }).creditReservation.count({ where: { status: "open" } });
  }

  it("a refused request (400) releases the hold in full and stores nothing", async () => {
    const { ctx } = await world();
    wire().script({ kind: "error", status: 400, message: "bad request" });
    await expect(inRequestContext(ctx, () => askChat(ctx, { question: "Cases?" }))).rejects.toMatchObject({
      status: 502,
    });
    expect((await readCreditBalance(ctx)).balance).toBe(1000n);
    expect(await openHolds(ctx.tenantId)).toBe(0);
    expect(await inRequestContext(ctx, () => listChatConversations(ctx))).toEqual([]);
    expect(await auditOf(ctx.tenantId, "chat.question")).toEqual([]);
  });

  it("a tool reply of the wrong shape is charged for its tokens only, and the hold is closed", async () => {
    const { ctx } = await world();
    wire().script({ kind: "tool", toolName: "run_sql", input: { query: "SELECT 1" } });
    await expect(inRequestContext(ctx, () => askChat(ctx, { question: "Cases?" }))).rejects.toMatchObject({
      status: 502,
    });
    expect(await openHolds(ctx.tenantId)).toBe(0);
    expect(await usageRows(ctx.tenantId)).toBe(1);
    expect((await readCreditBalance(ctx)).balance).toBeLessThan(1000n);
    expect((await readCreditBalance(ctx)).balance).toBeGreaterThan(990n);
  });

  it("a cancelled answer is charged for what was produced and the turn (with its SQL) is still kept", async () => {
    const { ctx } = await world();
    const chunks = Array.from({ length: 200 }, (_, i) => `word${i} `);
    wire().script(
      { kind: "tool", toolName: "run_sql", input: { sql: "SELECT count(*) AS n FROM cases" } },
      { kind: "text", chunks, delayMs: 20 },
    );
    const res = await inRequestContext(ctx, () => askChat(ctx, { question: "How many?" }));
    const reader = res.body!.getReader();
    await reader.read(); // the chat_result frame
    await reader.read(); // the first words
    await reader.cancel();
    for (let i = 0; i < 100 && (await openHolds(ctx.tenantId)) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await openHolds(ctx.tenantId)).toBe(0);
    let audit: Awaited<ReturnType<typeof auditOf>> = [];
    for (let i = 0; i < 100 && audit.length === 0; i++) {
      audit = await auditOf(ctx.tenantId, "chat.question");
      if (audit.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(audit[0]!.data).toMatchObject({ sql: "SELECT count(*) AS n FROM cases", rowCount: 1, outcome: "answered" });
    const [conversation] = await inRequestContext(ctx, () => listChatConversations(ctx));
    const detail = await inRequestContext(ctx, () => readChatConversation(ctx, conversation!.id));
    expect(detail.turns[0]).toMatchObject({ rows: [[5]], question: "How many?" });
    expect(detail.turns[0]!.answer.startsWith("word0")).toBe(true);
  });
});
