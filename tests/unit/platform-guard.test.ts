// The platform admin guards (lib/auth/platform-guard.ts). First their one decision, a pure
// function over the session's user id and the user's row as just read from the database; then
// the three guards with their request-scoped inputs replaced by mocks: who the session says is
// signed in (currentUser), the user's row (loadPlatformUser) and the request headers.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { decidePlatformAccess, type PlatformUserRow } from "@/lib/admin/access-decision";
import { loadPlatformUser } from "@/lib/admin/platform-admin";
import { platformAction, requirePlatformAdmin, withPlatformAdmin } from "@/lib/auth/platform-guard";
import { currentUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("@/lib/admin/platform-admin", () => ({ loadPlatformUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-platform-guard-1" }) }));

const ID = "0b9d6f3e-3c1a-4c55-9d7e-1f2a3b4c5d6e";
const row = (over: Partial<PlatformUserRow> = {}): PlatformUserRow => ({
  id: ID,
  email: "ops@example.org",
  name: "Ops",
  platformRole: "ADMIN",
  disabledAt: null,
  ...over,
});

describe("decidePlatformAccess", () => {
  test("an enabled platform admin is let in, as the row (not the token) describes them", () => {
    expect(decidePlatformAccess(ID, row())).toEqual({
      kind: "allow",
      admin: { id: ID, email: "ops@example.org", name: "Ops" },
    });
  });

  test.each([undefined, null, ""])("signed out (%p) is sent to sign in, whatever the row says", (sessionUserId) => {
    expect(decidePlatformAccess(sessionUserId, row())).toEqual({ kind: "sign_in" });
    expect(decidePlatformAccess(sessionUserId, null)).toEqual({ kind: "sign_in" });
  });

  test("a signed-in user without the platform role is denied", () => {
    expect(decidePlatformAccess(ID, row({ platformRole: "NONE" }))).toEqual({ kind: "denied" });
  });

  test("a disabled admin is denied, even with a valid session token", () => {
    expect(decidePlatformAccess(ID, row({ disabledAt: new Date() }))).toEqual({ kind: "denied" });
  });

  test("a session whose user no longer exists is denied", () => {
    expect(decidePlatformAccess(ID, null)).toEqual({ kind: "denied" });
  });

  test("a row that belongs to someone else never admits the session's user", () => {
    expect(decidePlatformAccess("6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", row())).toEqual({ kind: "denied" });
  });
});

const signedIn = (over: Partial<PlatformUserRow> | null) => {
  jest.mocked(currentUser).mockResolvedValue({ id: ID, email: "ops@example.org", name: "Ops" });
  jest.mocked(loadPlatformUser).mockResolvedValue(over === null ? null : row(over));
};
const signedOut = () => {
  jest.mocked(currentUser).mockResolvedValue(null);
  jest.mocked(loadPlatformUser).mockResolvedValue(row());
};

describe("platformAction", () => {
  const schema = z.object({ reason: z.string().trim().min(5, "Give a reason") });
  const fn = jest.fn(async (ctx: { adminId: string; requestId: string }, input: { reason: string }) => ({
    ctx,
    input,
  }));
  const action = platformAction(schema, fn);
  beforeEach(() => fn.mockClear());

  test("an admin's call is parsed (FormData too) and gets the context", async () => {
    signedIn({});
    const form = new FormData();
    form.set("reason", "  because  ");
    expect(await action(form)).toEqual({
      ok: true,
      data: { ctx: { adminId: ID, requestId: "req-platform-guard-1" }, input: { reason: "because" } },
    });
  });

  test("signed out → UNAUTHORIZED; not an admin, disabled or gone → FORBIDDEN; fn never runs", async () => {
    signedOut();
    expect(await action({ reason: "because" })).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
    for (const over of [{ platformRole: "NONE" as const }, { disabledAt: new Date() }, null]) {
      signedIn(over);
      expect(await action({ reason: "because" })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
        requestId: "req-platform-guard-1",
      });
    }
    expect(fn).not.toHaveBeenCalled();
  });

  test("bad input → field errors; errors from fn are mapped, not thrown", async () => {
    signedIn({});
    expect(await action({ reason: "no" })).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      fieldErrors: { reason: ["Give a reason"] },
    });
    expect(fn).not.toHaveBeenCalled();
    const failing = platformAction(schema, async () => {
      throw new NotFoundError("User not found");
    });
    expect(await failing({ reason: "because" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "User not found",
    });
  });
});

describe("withPlatformAdmin", () => {
  const handler = withPlatformAdmin(async (_req, ctx) => Response.json({ adminId: ctx.adminId }));
  const call = () =>
    handler(new Request("http://localhost/api/admin/x") as unknown as NextRequest, { params: Promise.resolve({}) });

  test("admin → the handler's response, with the request id", async () => {
    signedIn({});
    const res = await call();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ adminId: ID });
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  test("signed out → 401, not an admin → 403, as {error:{…}}", async () => {
    signedOut();
    const unauth = await call();
    expect([unauth.status, (await unauth.json()).error.code]).toEqual([401, "UNAUTHORIZED"]);
    signedIn({ platformRole: "NONE" });
    const forbidden = await call();
    expect([forbidden.status, (await forbidden.json()).error.code]).toEqual([403, "FORBIDDEN"]);
  });
});

describe("requirePlatformAdmin", () => {
  // redirect() and notFound() throw errors Next recognises by their digest.
  const digestOf = (p: Promise<unknown>) =>
    p.then(
      () => "resolved",
      (e: { digest?: string }) => e.digest ?? String(e),
    );

  test("signed out → redirect to sign-in, back to /admin afterwards", async () => {
    signedOut();
    expect(await digestOf(requirePlatformAdmin())).toMatch(
      /^NEXT_REDIRECT;replace;\/sign-in\?callbackUrl=%2Fadmin;307;/,
    );
  });

  test("signed in but not an enabled admin → 404", async () => {
    for (const over of [{ platformRole: "NONE" as const }, { disabledAt: new Date() }]) {
      signedIn(over);
      expect(await digestOf(requirePlatformAdmin())).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    }
  });

  test("an admin gets the context and who they are", async () => {
    signedIn({});
    expect(await requirePlatformAdmin()).toEqual({
      adminId: ID,
      requestId: "req-platform-guard-1",
      admin: { id: ID, email: "ops@example.org", name: "Ops" },
    });
  });
});
