// Brute-force protection of password sign-in through the business function itself
// (authenticate), on the app's default store (PostgreSQL, or PGlite without DATABASE_URL).
// The clock is injected, so a 15-minute lockout is crossed without waiting for it.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { authenticate, type AuthenticateResult } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { ACCOUNT_LIMIT, IP_LIMIT } from "@/lib/rate-limit/sign-in-policy";

const PASSWORD = "correct horse battery staple";
const run = randomUUID().slice(0, 8);
let n = 0;
const uniqueEmail = (label: string) => `${label}-${run}-${++n}@lockout.test`;
/** A documentation-range IP unique to this run and call, so reruns on one database never share counters. */
const uniqueIp = () => `2001:db8:${run.slice(0, 4)}:${run.slice(4)}::${(++n).toString(16)}`;

let clock = Date.now();
const at = { now: () => clock };
const minutes = (m: number) => m * 60_000;

async function createUser(): Promise<string> {
  const email = uniqueEmail("user");
  const db = await getDb();
  await db.user.create({ data: { email, name: "Lockout Probe", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

async function failTimes(count: number, email: string, ip?: string): Promise<AuthenticateResult[]> {
  const results: AuthenticateResult[] = [];
  for (let i = 0; i < count; i++) results.push(await authenticate({ email, password: `wrong-${i}`, ip }, at));
  return results;
}

beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await (await getDatabase()).close();
});

beforeEach(() => {
  clock = Date.now();
});

describe("account lockout", () => {
  test(`${ACCOUNT_LIMIT.limit} wrong passwords lock the account; the right one is refused until the lockout ends`, async () => {
    const email = await createUser();
    expect(await authenticate({ email, password: PASSWORD }, at)).toMatchObject({ ok: true });

    const failures = await failTimes(ACCOUNT_LIMIT.limit, email);
    expect(failures.every((r) => !r.ok && r.reason === "invalid")).toBe(true);

    clock += minutes(1);
    const locked = await authenticate({ email, password: PASSWORD }, at);
    expect(locked).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: ACCOUNT_LIMIT.blockSeconds - 60 });
    // Case and spaces do not make a new account key.
    expect(await authenticate({ email: `  ${email.toUpperCase()} `, password: PASSWORD }, at)).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });

    clock += minutes(13);
    expect(await authenticate({ email, password: PASSWORD }, at)).toMatchObject({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: 60,
    });

    clock += minutes(1); // 15 minutes after the last counted failure
    expect(await authenticate({ email, password: PASSWORD }, at)).toMatchObject({ ok: true, user: { email } });
  });

  test("a successful sign-in does not count towards the limit", async () => {
    const email = await createUser();
    await failTimes(ACCOUNT_LIMIT.limit - 1, email);
    for (let i = 0; i < 5; i++)
      expect(await authenticate({ email, password: PASSWORD }, at)).toMatchObject({ ok: true });
    expect(await failTimes(1, email)).toEqual([{ ok: false, reason: "invalid" }]);
    expect(await authenticate({ email, password: PASSWORD }, at)).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  test("an unknown email is locked the same way and looks exactly the same", async () => {
    const known = await createUser();
    const unknown = uniqueEmail("nobody");
    const knownFailures = await failTimes(ACCOUNT_LIMIT.limit, known);
    const unknownFailures = await failTimes(ACCOUNT_LIMIT.limit, unknown);
    expect(unknownFailures).toEqual(knownFailures);

    clock += minutes(2);
    const lockedKnown = await authenticate({ email: known, password: PASSWORD }, at);
    const lockedUnknown = await authenticate({ email: unknown, password: PASSWORD }, at);
    expect(lockedKnown).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(lockedUnknown).toEqual(lockedKnown);
  });

  test("parallel guesses get exactly the limit of password checks", async () => {
    const email = await createUser();
    const results = await Promise.all(
      Array.from({ length: ACCOUNT_LIMIT.limit + 10 }, (_, i) =>
        authenticate({ email, password: `parallel-${i}` }, at),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(ACCOUNT_LIMIT.limit);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(10);
  });
});

describe("per-IP limit", () => {
  test(`${IP_LIMIT.limit} failures from one IP (any emails) block that IP, not the accounts elsewhere`, async () => {
    const ip = uniqueIp();
    const victim = await createUser();
    for (let i = 0; i < IP_LIMIT.limit; i++) {
      // A new email every time: no account comes near its own limit.
      expect(await authenticate({ email: uniqueEmail("spray"), password: "guess", ip }, at)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await authenticate({ email: victim, password: PASSWORD, ip }, at)).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: IP_LIMIT.blockSeconds,
    });
    expect(await authenticate({ email: victim, password: PASSWORD, ip: uniqueIp() }, at)).toMatchObject({
      ok: true,
      user: { email: victim },
    });
    expect(await authenticate({ email: victim, password: PASSWORD }, at)).toMatchObject({ ok: true });

    clock += minutes(15);
    expect(await authenticate({ email: victim, password: PASSWORD, ip }, at)).toMatchObject({ ok: true });
  });
});
