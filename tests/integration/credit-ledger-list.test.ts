// The billing page's ledger: newest first, only the tenant's own entries, and they add up to the
// balance the page shows; paged by cursor, filtered by kind, AI feature and day, exported as CSV.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { grantCredits, readCreditBalance } from "@/lib/credits";
import { listLedgerEntries, listLedgerPage } from "@/lib/credits/list-ledger-entries";
import { getDatabase, getDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { inRequestContext } from "../support/request-context";

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function tenant() {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `led-${randomUUID().slice(0, 10)}`, name: "Ledger Org" } });
  return { tenantId: t.id, requestId: `test-${randomUUID()}` };
}

it("lists the tenant's own entries, newest first, summing to the balance", async () => {
  const a = await tenant();
  const b = await tenant();
  await inRequestContext(a, async () => {
    await grantCredits({ tenantId: a.tenantId, credits: 500, kind: "grant", reason: "Free plan" });
    await grantCredits({ tenantId: a.tenantId, credits: -120, kind: "adjustment", reason: "Correction" });
  });
  await inRequestContext(b, () => grantCredits({ tenantId: b.tenantId, credits: 9, kind: "grant", reason: "B only" }));

  const entries = await listLedgerEntries(a);
  expect(entries.map((e) => [e.kind, e.delta, e.reason])).toEqual([
    ["adjustment", -120n, "Correction"],
    ["grant", 500n, "Free plan"],
  ]);
  expect(entries.reduce((n, e) => n + e.delta, 0n)).toBe((await readCreditBalance(a)).balance);
  expect(await listLedgerEntries(a, { limit: 1 })).toHaveLength(1);
});

it("an adjustment that would take the balance below zero is refused and leaves nothing behind", async () => {
  const a = await tenant();
  await inRequestContext(a, () => grantCredits({ tenantId: a.tenantId, credits: 10, kind: "grant", reason: "Start" }));
  await expect(
    inRequestContext(a, () =>
      grantCredits({ tenantId: a.tenantId, credits: -11, kind: "adjustment", reason: "Too much" }),
    ),
  ).rejects.toMatchObject({ status: 402 });
  expect(await listLedgerEntries(a)).toHaveLength(1);
  expect((await readCreditBalance(a)).balance).toBe(10n);
});

describe("paged and filtered (the billing page's ledger and its CSV export)", () => {
  /** A tenant with 7 grants, then one held-and-released chat request (reserve + refund). */
  async function busyTenant() {
    const t = await tenant();
    await inRequestContext(t, async () => {
      for (let i = 1; i <= 7; i++)
        await grantCredits({ tenantId: t.tenantId, credits: i, kind: "grant", reason: `g${i}` });
      const { reserveCredits, releaseReservation } = await import("@/lib/credits");
      const r = await reserveCredits(t, {
        feature: "chat",
        model: "claude-haiku-4-5",
        maxInputTokens: 10,
        maxOutputTokens: 10,
      });
      await releaseReservation(t, r.id);
    });
    return t;
  }

  it("pages through every entry once, newest first, with a cursor; the pages add up to the balance", async () => {
    const t = await busyTenant();
    const seen: string[] = [];
    let cursor: string | undefined;
    let sum = 0n;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listLedgerPage(t, { cursor }, 3);
      seen.push(...page.entries.map((e) => e.id));
      sum += page.entries.reduce((n, e) => n + e.delta, 0n);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect(sum).toBe((await readCreditBalance(t)).balance);
    const all = (await listLedgerPage(t, {}, 100)).entries;
    expect(all.map((e) => e.id)).toEqual(seen);
  });

  it("filters by kind, AI feature and UTC days", async () => {
    const t = await busyTenant();
    const grants = (await listLedgerPage(t, { kind: "grant" })).entries;
    expect(grants.map((e) => e.reason)).toEqual(["g7", "g6", "g5", "g4", "g3", "g2", "g1"]);
    const chat = (await listLedgerPage(t, { feature: "chat" })).entries;
    expect(chat.map((e) => e.kind).sort()).toEqual(["refund", "reserve"]);
    expect(chat.every((e) => e.feature === "chat")).toBe(true);
    expect((await listLedgerPage(t, { feature: "case_summary" })).entries).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listLedgerPage(t, { from: today, to: today })).entries).toHaveLength(9);
    expect((await listLedgerPage(t, { to: "2000-01-01" })).entries).toEqual([]);
  });

  it("the day filters count days in the tenant's time zone, not UTC", async () => {
    const t = await busyTenant();
    // A zone whose calendar day differs from UTC's right now: UTC−11 before 10:00 UTC, UTC+14 after.
    const timeZone = new Date().getUTCHours() < 10 ? "Pacific/Pago_Pago" : "Pacific/Kiritimati";
    await (await getDb()).tenant.update({ where: { id: t.tenantId }, data: { timeZone } });
    const day = (offsetDays: number, zone: string) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date(Date.now() + offsetDays * 86_400_000));
    const localToday = day(0, timeZone);
    const utcToday = day(0, "UTC");
    expect(localToday).not.toBe(utcToday);
    expect((await listLedgerPage(t, { from: localToday, to: localToday })).entries).toHaveLength(9);
    expect((await listLedgerPage(t, { from: utcToday, to: utcToday })).entries).toEqual([]);
    expect((await listLedgerPage(t, { to: day(-1, timeZone) })).entries).toEqual([]);
  });

  it("bad filters are field errors, never a database error", async () => {
    const t = await tenant();
    const errors = async (input: Record<string, string>) => {
      const err = await listLedgerPage(t, input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      return (err as ValidationError).fieldErrors;
    };
    expect(Object.keys(await errors({ kind: "free_money" }))).toEqual(["kind"]);
    expect(Object.keys(await errors({ feature: "mind_reading" }))).toEqual(["feature"]);
    expect(Object.keys(await errors({ from: "2026-02-30" }))).toEqual(["from"]);
    expect((await errors({ from: "2026-03-02", to: "2026-03-01" })).to).toEqual([
      "The end date is before the start date",
    ]);
    expect(Object.keys(await errors({ cursor: "1'; DROP TABLE credit_ledger; --" }))).toEqual(["cursor"]);
  });

  it("another tenant's entries never show, and its cursor is only a position in time", async () => {
    const a = await busyTenant();
    const b = await busyTenant();
    const bPage = await listLedgerPage(b, {}, 2);
    const aWithBCursor = await listLedgerPage(a, { cursor: bPage.nextCursor! }, 100);
    const aIds = new Set((await listLedgerPage(a, {}, 100)).entries.map((e) => e.id));
    expect(aWithBCursor.entries.every((e) => aIds.has(e.id))).toBe(true);
    const bIds = (await listLedgerPage(b, {}, 100)).entries.map((e) => e.id);
    expect(bIds.some((id) => aIds.has(id))).toBe(false);
  });

  it("the CSV export is the filtered ledger, formula-safe, recorded before the first byte, tenant-only", async () => {
    const { streamLedgerCsv, LEDGER_CSV_COLUMNS } = await import("@/lib/credits/export-ledger");
    const db = await getDb();
    const a = await busyTenant();
    const b = await busyTenant();
    await inRequestContext(a, () =>
      grantCredits({ tenantId: a.tenantId, credits: 5, kind: "adjustment", reason: '=HYPERLINK("http://evil","x")' }),
    );
    const user = await db.user.create({
      data: { email: `ledger-${randomUUID().slice(0, 8)}@t.test`, name: "Exporter" },
    });
    const ctx = { tenantId: a.tenantId, userId: user.id, role: "OWNER" as const, requestId: `req-${randomUUID()}` };
    const read = async (stream: ReadableStream<Uint8Array>) => {
      let text = "";
      for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) text += new TextDecoder().decode(chunk);
      return text;
    };
    // Pages of 4: the 10 entries come in 3 pages, none lost at the page edges.
    const csv = await inRequestContext({ tenantId: a.tenantId, userId: user.id }, async () =>
      read(await streamLedgerCsv(ctx, {}, 4)),
    );
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(LEDGER_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(11);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    const bReasons = (await listLedgerPage(b, {}, 100)).entries.map((e) => e.id);
    expect(bReasons.some((id) => csv.includes(id))).toBe(false);
    const grantsOnly = await inRequestContext({ tenantId: a.tenantId, userId: user.id }, async () =>
      read(await streamLedgerCsv(ctx, { kind: "grant" })),
    );
    expect(grantsOnly.trimEnd().split("\r\n")).toHaveLength(8);
    const events = await db
      .forTenant({ tenantId: a.tenantId })
      .auditEvent.findMany({ where: { action: "credits.ledger_exported" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.data)).toEqual([{ filters: {} }, { filters: { kind: "grant" } }]);
    // Bad filters: refused before anything is recorded.
    await expect(streamLedgerCsv(ctx, { kind: "nope" })).rejects.toBeInstanceOf(ValidationError);
    expect(
      await db.forTenant({ tenantId: a.tenantId }).auditEvent.count({ where: { action: "credits.ledger_exported" } }),
    ).toBe(2);
  });
});
