// The account lifecycle through its business functions, on the app's own database (PostgreSQL
// with DATABASE_URL, else in-memory PGlite): sign-up and its email, email verification,
// forgotten password and reset, password change, with their limits, audit events and the
// promises that matter (one use per token, no account enumeration, sessions revoked).
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
process.env.DEV_MAILBOX = "1";
process.env.APP_URL = "http://civitas.test";
delete process.env.SMTP_URL;

import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo, type Server } from "node:net";
import { getDatabase, getDb } from "@/lib/db";
import { resetConfigForTests } from "@/lib/config";
import { changePassword, WRONG_CURRENT_PASSWORD } from "@/lib/auth/change-password";
import { consumeEmailToken, createEmailToken, isEmailTokenUsable } from "@/lib/auth/email-tokens";
import { verifyPassword } from "@/lib/auth/password";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { checkSession, startSession } from "@/lib/auth/sessions/store";
import { signUp } from "@/lib/auth/sign-up";
import { isEmailVerified, resendVerification, verifyEmail } from "@/lib/auth/verify-email";
import { flushEmails, sendEmail } from "@/lib/email";
import { ExternalServiceError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { inOwnRequest, inRequestContext } from "../support/request-context";
import {
  ACCOUNT_RESPONSE_FLOOR_MS,
  CHANGE_PASSWORD_LIMIT,
  RESET_ACCOUNT_LIMIT,
  RESET_IP_LIMIT,
  SIGN_UP_EMAIL_LIMIT,
  SIGN_UP_IP_LIMIT,
  VERIFY_RESEND_LIMIT,
} from "@/lib/rate-limit/account-policy";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a whole new passphrase";
const FAST = { minDurationMs: 0 };

const run = randomUUID().slice(0, 8);
let n = 0;
const uniqueEmail = (label: string) => `${label}-${run}-${++n}@lifecycle.test`;
/** A documentation-range IP unique to this run and call, so reruns on one database never share counters. */
const uniqueIp = () => `2001:db8:${run.slice(0, 4)}:${run.slice(4)}::${(++n).toString(16)}`;

const signUpInput = (email: string, overrides: Record<string, unknown> = {}) => ({
  name: "Ada Lovelace",
  email,
  password: PASSWORD,
  confirmPassword: PASSWORD,
  ...overrides,
});

async function mailTo(email: string) {
  await flushEmails();
  const db = await getDb();
  return db.mailboxMessage.findMany({ where: { to: email }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

function tokenFrom(text: string, path: "verify-email" | "reset-password"): string {
  const match = new RegExp(`http://civitas\\.test/${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

type AuditRow = { action: string; actor_id: string | null; actor_type: string; data: Record<string, unknown> };

/** Platform events (tenant_id NULL) are readable only with app.platform_audit set for the transaction. */
async function auditFor(userId: string): Promise<AuditRow[]> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('app.platform_audit', 'on', true)`;
    return tx.$queryRaw<AuditRow[]>`
      SELECT action, actor_id::text AS actor_id, actor_type, data FROM audit_events
       WHERE target_id = ${userId} AND tenant_id IS NULL ORDER BY seq`;
  });
}

async function userByEmail(email: string) {
  const db = await getDb();
  return db.user.findUnique({ where: { email } });
}

/** A signed-up, verified user with a known password. */
async function createVerifiedUser(label = "user"): Promise<{ id: string; email: string }> {
  const email = uniqueEmail(label);
  // A request of its own: the person signing up becomes that request's actor, not the test's.
  const result = await inOwnRequest(() => signUp(signUpInput(email), { emailVerified: true }));
  if (!result.ok || !result.userId) throw new Error("fixture sign-up failed");
  return { id: result.userId, email };
}

beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await flushEmails();
  await (await getDatabase()).close();
});

describe("sign-up", () => {
  test("creates an unverified user and emails a verification link that works once", async () => {
    const email = uniqueEmail("new");
    const result = await signUp(signUpInput(`  ${email.toUpperCase()} `), { ...FAST, ip: uniqueIp() });
    expect(result).toEqual({ ok: true, userId: expect.any(String) });
    const userId = (result as { userId: string }).userId;

    const user = await userByEmail(email);
    expect(user).toMatchObject({ id: userId, email, name: "Ada Lovelace", emailVerifiedAt: null, disabledAt: null });
    expect(await verifyPassword(PASSWORD, user!.passwordHash!)).toBe(true);
    expect(await isEmailVerified(userId)).toBe(false);

    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/confirm your email/i);
    expect(mails[0]!.html).toMatch(
      /<a href="http:\/\/civitas\.test\/verify-email\?token=[A-Za-z0-9_-]{43}"[^>]*>Verify email<\/a>/,
    );
    const token = tokenFrom(mails[0]!.text, "verify-email");

    expect(await verifyEmail(token)).toEqual({ ok: true, userId });
    expect(await isEmailVerified(userId)).toBe(true);
    expect(await verifyEmail(token)).toEqual({ ok: false, reason: "invalid_token" });

    const audit = await auditFor(userId);
    expect(audit.map((e) => e.action)).toEqual(["user.signed_up", "user.email_verified"]);
    expect(audit[0]).toMatchObject({
      actor_id: userId,
      actor_type: "user",
      data: { emailVerified: false, method: "password" },
    });
    // The address is masked in the audit trail, never stored in clear.
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  test("an address that already has an account gets the same answer, nothing is created, and its owner is told", async () => {
    const owner = await createVerifiedUser("taken");
    const before = await userByEmail(owner.email);
    const db = await getDb();
    // Only the rows this sign-up could have made: other test files write users to a shared
    // PostgreSQL at the same time, so a count of the whole table moves under a loaded run.
    const mine = { email: { equals: owner.email, mode: "insensitive" as const } };
    const count = await db.user.count({ where: mine });

    const again = await signUp(
      signUpInput(owner.email, {
        name: "Mallory",
        password: "mallory's password",
        confirmPassword: "mallory's password",
      }),
      FAST,
    );
    expect(again).toEqual({ ok: true, userId: null });
    expect(await db.user.count({ where: mine })).toBe(count);
    expect(await userByEmail(owner.email)).toEqual(before);

    const mails = await mailTo(owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/already have/i);
    expect(mails[0]!.text).toContain("Hello Ada Lovelace");
    expect(mails[0]!.text).toContain("http://civitas.test/forgot-password");
    expect(mails[0]!.text).not.toContain("token=");
    expect((await auditFor(owner.id)).map((e) => e.action)).toEqual(["user.signed_up"]);
  });

  test("the answer for a taken address has the same shape and timing as for a new one", async () => {
    const owner = await createVerifiedUser("timing");
    const time = async (email: string) => {
      const start = performance.now();
      const result = await signUp(signUpInput(email));
      return { result, ms: performance.now() - start };
    };
    const fresh = await time(uniqueEmail("timing-new"));
    const taken = await time(owner.email);
    expect(Object.keys(fresh.result)).toEqual(Object.keys(taken.result));
    expect(fresh.ms).toBeGreaterThanOrEqual(ACCOUNT_RESPONSE_FLOOR_MS - 5);
    expect(taken.ms).toBeGreaterThanOrEqual(ACCOUNT_RESPONSE_FLOOR_MS - 5);
    expect(Math.abs(fresh.ms - taken.ms)).toBeLessThan(250);
  });

  test("concurrent sign-ups for one address create exactly one user", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(Array.from({ length: 4 }, () => signUp(signUpInput(email), FAST)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.userId !== null)).toHaveLength(1);
    const db = await getDb();
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  test("invalid input comes back field by field and creates nothing", async () => {
    const email = uniqueEmail("invalid");
    const result = await signUp(
      { name: " ", email: "not-an-email", password: "short", confirmPassword: "other" },
      FAST,
    );
    expect(result).toMatchObject({ ok: false, reason: "invalid" });
    const { fieldErrors } = result as { fieldErrors: Record<string, string[]> };
    expect(Object.keys(fieldErrors).sort()).toEqual(["confirmPassword", "email", "name", "password"]);

    expect(await signUp(signUpInput(email, { confirmPassword: `${PASSWORD}!` }), FAST)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { confirmPassword: ["The passwords don't match"] },
    });
    expect(await signUp(null, FAST)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await userByEmail(email)).toBeNull();
    expect(await mailTo(email)).toHaveLength(0);
  });

  test("emailVerified (an invitation proved the address) creates a verified user and sends nothing", async () => {
    const email = uniqueEmail("invited");
    const result = await signUp(signUpInput(email), { emailVerified: true });
    expect(result).toEqual({ ok: true, userId: expect.any(String) });
    const userId = (result as { userId: string }).userId;
    expect(await isEmailVerified(userId)).toBe(true);
    expect(await mailTo(email)).toHaveLength(0);
    expect(await auditFor(userId)).toEqual([
      expect.objectContaining({
        action: "user.signed_up",
        data: expect.objectContaining({ emailVerified: true, method: "invitation" }),
      }),
    ]);
  });

  test(`${SIGN_UP_IP_LIMIT.limit} sign-ups per IP, then "rate_limited" for any address from it`, async () => {
    const ip = uniqueIp();
    for (let i = 0; i < SIGN_UP_IP_LIMIT.limit; i++) {
      expect(await signUp(signUpInput(uniqueEmail("burst")), { ...FAST, ip })).toMatchObject({ ok: true });
    }
    const refusedEmail = uniqueEmail("burst");
    expect(await signUp(signUpInput(refusedEmail), { ...FAST, ip })).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
    expect(await userByEmail(refusedEmail)).toBeNull();
    expect(await signUp(signUpInput(refusedEmail), { ...FAST, ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  test(`at most ${SIGN_UP_EMAIL_LIMIT.limit} sign-up emails per address, with the same answer past the cap`, async () => {
    const owner = await createVerifiedUser("flood");
    for (let i = 0; i < SIGN_UP_EMAIL_LIMIT.limit + 3; i++) {
      expect(await signUp(signUpInput(owner.email), { ...FAST, ip: uniqueIp() })).toEqual({ ok: true, userId: null });
    }
    expect(await mailTo(owner.email)).toHaveLength(SIGN_UP_EMAIL_LIMIT.limit);
  });

  test("a disabled account's owner is not emailed", async () => {
    const owner = await createVerifiedUser("disabled");
    const db = await getDb();
    await db.user.update({ where: { id: owner.id }, data: { disabledAt: new Date() } });
    expect(await signUp(signUpInput(owner.email), FAST)).toEqual({ ok: true, userId: null });
    expect(await mailTo(owner.email)).toHaveLength(0);
  });
});

describe("email verification", () => {
  async function unverifiedUser() {
    const email = uniqueEmail("unverified");
    const result = await signUp(signUpInput(email), FAST);
    const userId = (result as { userId: string }).userId;
    return { userId, email, token: tokenFrom((await mailTo(email))[0]!.text, "verify-email") };
  }

  test("an expired token is refused and stays unverified", async () => {
    const { userId } = await unverifiedUser();
    const db = await getDb();
    const { token } = await db.$transaction((tx) =>
      createEmailToken(tx, userId, "VERIFY_EMAIL", new Date(Date.now() - 25 * 60 * 60_000)),
    );
    expect(await verifyEmail(token)).toEqual({ ok: false, reason: "invalid_token" });
    expect(await isEmailVerified(userId)).toBe(false);
  });

  test("a token of another purpose is refused, and is not spent by the attempt", async () => {
    const { userId } = await unverifiedUser();
    const db = await getDb();
    const { token } = await db.$transaction((tx) => createEmailToken(tx, userId, "RESET_PASSWORD"));
    expect(await verifyEmail(token)).toEqual({ ok: false, reason: "invalid_token" });
    expect(await isEmailVerified(userId)).toBe(false);
    expect(await isEmailTokenUsable(token, "RESET_PASSWORD")).toBe(true);
  });

  test("malformed and unknown tokens are refused", async () => {
    for (const token of [
      undefined,
      null,
      42,
      "",
      "short",
      "x".repeat(43),
      "a".repeat(43) + "=",
      "'; DROP TABLE users; --".padEnd(43, "a"),
    ]) {
      expect(await verifyEmail(token)).toEqual({ ok: false, reason: "invalid_token" });
    }
  });

  test("resending retires the earlier link; the new one works; then there is nothing to resend", async () => {
    const { userId, email, token: first } = await unverifiedUser();
    expect(await resendVerification(userId)).toEqual({ ok: true, status: "sent" });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    const second = tokenFrom(mails[0]!.text, "verify-email");
    expect(second).not.toBe(first);

    expect(await verifyEmail(first)).toEqual({ ok: false, reason: "invalid_token" });
    expect(await verifyEmail(second)).toEqual({ ok: true, userId });
    expect(await resendVerification(userId)).toEqual({ ok: true, status: "already_verified" });
    expect(await resendVerification(randomUUID())).toEqual({ ok: false, reason: "not_found" });
  });

  test(`resending is limited to ${VERIFY_RESEND_LIMIT.limit} per window`, async () => {
    const { userId } = await unverifiedUser();
    for (let i = 0; i < VERIFY_RESEND_LIMIT.limit; i++)
      expect(await resendVerification(userId)).toMatchObject({ ok: true });
    expect(await resendVerification(userId)).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
  });
});

describe("forgotten password", () => {
  test("a known address gets a reset link; an unknown one the very same answer and nothing else", async () => {
    const user = await createVerifiedUser("forgot");
    const unknown = uniqueEmail("nobody");
    const known = await requestPasswordReset(` ${user.email.toUpperCase()}`, uniqueIp(), FAST);
    const other = await requestPasswordReset(unknown, uniqueIp(), FAST);
    expect(known).toEqual({ ok: true });
    expect(other).toEqual(known);

    const mails = await mailTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/reset your/i);
    expect(mails[0]!.html).toMatch(/>Reset password<\/a>/);
    expect(await isEmailTokenUsable(tokenFrom(mails[0]!.text, "reset-password"), "RESET_PASSWORD")).toBe(true);
    expect(await mailTo(unknown)).toHaveLength(0);

    const audit = await auditFor(user.id);
    expect(audit.map((e) => e.action)).toEqual(["user.signed_up", "user.password_reset_requested"]);
    expect(audit[1]).toMatchObject({ actor_id: null, actor_type: "anonymous" });
  });

  test("known and unknown addresses take the same time (the response floor)", async () => {
    const user = await createVerifiedUser("floor");
    const time = async (email: string) => {
      const start = performance.now();
      await requestPasswordReset(email, uniqueIp());
      return performance.now() - start;
    };
    const known = await time(user.email);
    const unknown = await time(uniqueEmail("floor-nobody"));
    expect(known).toBeGreaterThanOrEqual(ACCOUNT_RESPONSE_FLOOR_MS - 5);
    expect(unknown).toBeGreaterThanOrEqual(ACCOUNT_RESPONSE_FLOOR_MS - 5);
    expect(Math.abs(known - unknown)).toBeLessThan(250);
  });

  test("a malformed address is a field error, not a 500", async () => {
    expect(await requestPasswordReset("nope", undefined, FAST)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { email: [expect.any(String)] },
    });
    expect(await requestPasswordReset(undefined, undefined, FAST)).toMatchObject({ ok: false, reason: "invalid" });
  });

  test(`${RESET_ACCOUNT_LIMIT.limit} requests per address, known or not, then the same "rate_limited"`, async () => {
    const user = await createVerifiedUser("reset-limit");
    const unknown = uniqueEmail("reset-limit-nobody");
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < RESET_ACCOUNT_LIMIT.limit; i++)
        expect(await requestPasswordReset(email, uniqueIp(), FAST)).toEqual({ ok: true });
    }
    const refusedKnown = await requestPasswordReset(user.email, uniqueIp(), FAST);
    const refusedUnknown = await requestPasswordReset(unknown, uniqueIp(), FAST);
    expect(refusedKnown).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: expect.any(Number) });
    expect(refusedUnknown).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await mailTo(user.email)).toHaveLength(RESET_ACCOUNT_LIMIT.limit);
  });

  test(`${RESET_IP_LIMIT.limit} requests per IP (any addresses), then "rate_limited" from that IP only`, async () => {
    const ip = uniqueIp();
    for (let i = 0; i < RESET_IP_LIMIT.limit; i++)
      expect(await requestPasswordReset(uniqueEmail("spray"), ip, FAST)).toEqual({ ok: true });
    const user = await createVerifiedUser("spray-victim");
    expect(await requestPasswordReset(user.email, ip, FAST)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await mailTo(user.email)).toHaveLength(0);
    expect(await requestPasswordReset(user.email, uniqueIp(), FAST)).toEqual({ ok: true });
  });

  test("a disabled account gets no link", async () => {
    const user = await createVerifiedUser("reset-disabled");
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await requestPasswordReset(user.email, uniqueIp(), FAST)).toEqual({ ok: true });
    expect(await mailTo(user.email)).toHaveLength(0);
  });
});

describe("password reset", () => {
  async function resetLink(email: string): Promise<string> {
    await requestPasswordReset(email, uniqueIp(), FAST);
    return tokenFrom((await mailTo(email))[0]!.text, "reset-password");
  }

  test("sets the new password, verifies the address, revokes every session, and is audited", async () => {
    const email = uniqueEmail("reset");
    const { userId } = (await signUp(signUpInput(email), FAST)) as { userId: string };
    const a = await startSession(userId, { ip: "192.0.2.1" });
    const b = await startSession(userId, { ip: "192.0.2.2" });
    const token = await resetLink(email);

    expect(await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({
      ok: true,
      userId,
    });
    const user = await userByEmail(email);
    expect(await verifyPassword(NEW_PASSWORD, user!.passwordHash!)).toBe(true);
    expect(await verifyPassword(PASSWORD, user!.passwordHash!)).toBe(false);
    expect(user!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await checkSession(a.sessionId, a.generation)).toEqual({ ok: false, reason: "revoked" });
    expect(await checkSession(b.sessionId, b.generation)).toEqual({ ok: false, reason: "revoked" });

    expect(await resetPassword({ token, password: PASSWORD, confirmPassword: PASSWORD })).toEqual({
      ok: false,
      reason: "invalid_token",
    });
    const actions = (await auditFor(userId)).map((e) => e.action);
    expect(actions).toEqual([
      "user.signed_up",
      "user.password_reset_requested",
      "session.revoked_all",
      "user.password_reset",
    ]);
  });

  test("of 5 parallel uses of one link exactly one wins", async () => {
    const user = await createVerifiedUser("parallel");
    const token = await resetLink(user.email);
    const passwords = Array.from({ length: 5 }, (_, i) => `parallel password ${i}`);
    const results = await Promise.all(passwords.map((p) => resetPassword({ token, password: p, confirmPassword: p })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "invalid_token")).toHaveLength(4);

    const winner = passwords[results.findIndex((r) => r.ok)]!;
    const stored = (await userByEmail(user.email))!.passwordHash!;
    expect(await verifyPassword(winner, stored)).toBe(true);
    expect((await auditFor(user.id)).filter((e) => e.action === "user.password_reset")).toHaveLength(1);
  });

  test("consumeEmailToken itself: 5 parallel consumes, one user id", async () => {
    const user = await createVerifiedUser("consume");
    const db = await getDb();
    const { token } = await db.$transaction((tx) => createEmailToken(tx, user.id, "RESET_PASSWORD"));
    const results = await Promise.all(Array.from({ length: 5 }, () => consumeEmailToken(token, "RESET_PASSWORD")));
    expect(results.filter((r) => r === user.id)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(4);
  });

  test("a new link retires the previous one", async () => {
    const user = await createVerifiedUser("retire");
    const first = await resetLink(user.email);
    const second = await resetLink(user.email);
    expect(second).not.toBe(first);
    expect(await resetPassword({ token: first, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid_token",
    });
    expect(await resetPassword({ token: second, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toMatchObject(
      { ok: true },
    );
  });

  test("expired and wrong-purpose tokens are refused", async () => {
    const user = await createVerifiedUser("reset-expired");
    const db = await getDb();
    const expired = await db.$transaction((tx) =>
      createEmailToken(tx, user.id, "RESET_PASSWORD", new Date(Date.now() - 61 * 60_000)),
    );
    const verify = await db.$transaction((tx) => createEmailToken(tx, user.id, "VERIFY_EMAIL"));
    for (const { token } of [expired, verify]) {
      expect(await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({
        ok: false,
        reason: "invalid_token",
      });
    }
    expect(await verifyPassword(PASSWORD, (await userByEmail(user.email))!.passwordHash!)).toBe(true);
  });

  test("a rejected new password is a field error and does not spend the link", async () => {
    const user = await createVerifiedUser("reset-weak");
    const token = await resetLink(user.email);
    expect(await resetPassword({ token, password: "short", confirmPassword: "short" })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { password: [expect.any(String)] },
    });
    expect(await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: "something else" })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { confirmPassword: [expect.any(String)] },
    });
    expect(await isEmailTokenUsable(token, "RESET_PASSWORD")).toBe(true);
    expect(await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toMatchObject({
      ok: true,
    });
  });

  test("garbage tokens are refused without a database error", async () => {
    for (const token of ["", "x", "z".repeat(43), "ä".repeat(43)]) {
      const result = await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(result.ok).toBe(false);
    }
  });
});

describe("password change", () => {
  const change = (currentPassword: string, newPassword = NEW_PASSWORD) => ({
    currentPassword,
    newPassword,
    confirmPassword: newPassword,
  });

  test("keeps the current session, revokes the others, and is audited", async () => {
    const user = await createVerifiedUser("change");
    const current = await startSession(user.id);
    const other1 = await startSession(user.id);
    const other2 = await startSession(user.id);

    // As the change-password form's action runs it: the signed-in user is the context's actor.
    expect(
      await inRequestContext({ userId: user.id }, () => changePassword(user.id, current.sessionId, change(PASSWORD))),
    ).toEqual({
      ok: true,
      sessionsRevoked: 2,
    });
    expect(await checkSession(current.sessionId, current.generation)).toMatchObject({ ok: true, userId: user.id });
    expect(await checkSession(other1.sessionId, other1.generation)).toEqual({ ok: false, reason: "revoked" });
    expect(await checkSession(other2.sessionId, other2.generation)).toEqual({ ok: false, reason: "revoked" });
    expect(await verifyPassword(NEW_PASSWORD, (await userByEmail(user.email))!.passwordHash!)).toBe(true);

    const audit = await auditFor(user.id);
    expect(audit.map((e) => e.action)).toEqual(["user.signed_up", "session.revoked_all", "user.password_changed"]);
    expect(audit[2]).toMatchObject({ actor_id: user.id, data: { sessionsRevoked: 2, keptCurrent: true } });
  });

  test("a wrong current password is refused on its field and changes nothing", async () => {
    const user = await createVerifiedUser("change-wrong");
    const session = await startSession(user.id);
    const other = await startSession(user.id);
    expect(await changePassword(user.id, session.sessionId, change("not my password"))).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] },
    });
    expect(await verifyPassword(PASSWORD, (await userByEmail(user.email))!.passwordHash!)).toBe(true);
    expect(await checkSession(other.sessionId, other.generation)).toMatchObject({ ok: true });
    expect((await auditFor(user.id)).map((e) => e.action)).toEqual(["user.signed_up"]);
  });

  test("invalid input is field errors; an unknown user looks like a wrong password", async () => {
    const user = await createVerifiedUser("change-invalid");
    expect(await changePassword(user.id, null, change(PASSWORD, "short"))).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { newPassword: [expect.any(String)] },
    });
    expect(await changePassword(user.id, null, change(PASSWORD, PASSWORD))).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { newPassword: [expect.any(String)] },
    });
    expect(
      await changePassword(user.id, null, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: "different one!",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { confirmPassword: [expect.any(String)] },
    });
    expect(await changePassword(randomUUID(), null, change(PASSWORD))).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] },
    });
  });

  test("without a current session id every session is revoked", async () => {
    const user = await createVerifiedUser("change-all");
    const s = await startSession(user.id);
    expect(await changePassword(user.id, "not-a-session-id", change(PASSWORD))).toEqual({
      ok: true,
      sessionsRevoked: 1,
    });
    expect(await checkSession(s.sessionId, s.generation)).toEqual({ ok: false, reason: "revoked" });
  });

  test(`guessing the current password is limited to ${CHANGE_PASSWORD_LIMIT.limit} attempts`, async () => {
    const user = await createVerifiedUser("change-limit");
    for (let i = 0; i < CHANGE_PASSWORD_LIMIT.limit; i++) {
      expect(await changePassword(user.id, null, change(`guess number ${i}`))).toMatchObject({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await changePassword(user.id, null, change(PASSWORD))).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
    expect(await verifyPassword(PASSWORD, (await userByEmail(user.email))!.passwordHash!)).toBe(true);
  });
});

describe("email adapter without SMTP", () => {
  test("keeps the email in the dev mailbox and logs only the recipient's domain and the subject", async () => {
    const email = uniqueEmail("adapter");
    const info = jest.spyOn(logger, "info");
    try {
      expect(await sendEmail({ to: email, subject: "Hello", text: "Open http://civitas.test/x" })).toEqual({
        transport: "log",
        mailbox: true,
      });
      expect(info).toHaveBeenCalledWith(
        { event: "email.mailbox", to_domain: email.split("@")[1], subject: "Hello" },
        expect.any(String),
      );
      expect(JSON.stringify(info.mock.calls)).not.toContain(email);
      expect(JSON.stringify(info.mock.calls)).not.toContain("civitas.test/x");
    } finally {
      info.mockRestore();
    }
    expect(await mailTo(email)).toEqual([
      expect.objectContaining({ subject: "Hello", text: "Open http://civitas.test/x", html: null }),
    ]);
  });

  test("with the dev mailbox off, the email is dropped and the log names only domain and subject", async () => {
    const email = uniqueEmail("no-mailbox");
    process.env.DEV_MAILBOX = "0";
    resetConfigForTests();
    const info = jest.spyOn(logger, "info");
    try {
      expect(
        await sendEmail({ to: email, subject: "Hello", text: "Body http://civitas.test/reset-password?token=abc" }),
      ).toEqual({ transport: "log", mailbox: false });
      expect(info).toHaveBeenCalledWith(
        { event: "email.dropped", to_domain: email.split("@")[1], subject: "Hello" },
        expect.any(String),
      );
      expect(JSON.stringify(info.mock.calls)).not.toMatch(/token=abc|Body/);
    } finally {
      info.mockRestore();
      process.env.DEV_MAILBOX = "1";
      resetConfigForTests();
    }
    expect(await mailTo(email)).toHaveLength(0);
  });

  test("refuses a recipient that is not one plain address", async () => {
    for (const to of ["a@b.test\r\nBcc: evil@example.org", "a@b.test, c@d.test", "Name <a@b.test>", "nobody"]) {
      await expect(sendEmail({ to, subject: "x", text: "y" })).rejects.toBeInstanceOf(ValidationError);
    }
  });
});

/** Just enough of an SMTP server to accept messages (no TLS, no auth) and keep what it got. */
function fakeSmtpServer(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    let inData = false;
    let data = "";
    let buffer = "";
    socket.write("220 fake.test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(data);
            data = "";
            socket.write("250 OK queued\r\n");
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-fake.test\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`, received }),
    ),
  );
}

describe("email adapter with SMTP_URL", () => {
  afterEach(() => {
    delete process.env.SMTP_URL;
    resetConfigForTests();
  });

  test("delivers through nodemailer and keeps nothing in the dev mailbox", async () => {
    const smtp = await fakeSmtpServer();
    try {
      process.env.SMTP_URL = smtp.url;
      resetConfigForTests();
      const email = uniqueEmail("smtp");
      expect(
        await sendEmail({ to: email, subject: "Over SMTP", text: "Plain body", html: "<p>Html body</p>" }),
      ).toEqual({ transport: "smtp", mailbox: false });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toContain(`To: ${email}`);
      expect(smtp.received[0]).toContain("Subject: Over SMTP");
      expect(smtp.received[0]).toContain("Plain body");
      expect(smtp.received[0]).toMatch(/From: Civitas <no-reply@civitas\.localhost>/);
      expect(await mailTo(email)).toHaveLength(0);
    } finally {
      await new Promise((resolve) => smtp.server.close(resolve));
    }
  });

  test("a server that cannot be reached is an ExternalServiceError (and a background delivery only logs it)", async () => {
    const smtp = await fakeSmtpServer();
    await new Promise((resolve) => smtp.server.close(resolve)); // nothing listens on that port now
    process.env.SMTP_URL = smtp.url;
    resetConfigForTests();
    const error = jest.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      await expect(sendEmail({ to: uniqueEmail("smtp-down"), subject: "x", text: "y" })).rejects.toBeInstanceOf(
        ExternalServiceError,
      );
      const user = await createVerifiedUser("smtp-down");
      expect(await requestPasswordReset(user.email, uniqueIp(), FAST)).toEqual({ ok: true });
      await flushEmails();
      expect(error).toHaveBeenCalledWith(
        expect.objectContaining({ event: "email.background_failed" }),
        expect.any(String),
      );
    } finally {
      error.mockRestore();
    }
  });
});
