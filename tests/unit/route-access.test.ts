// The coarse redirect decision middleware.ts makes before a page renders.
import { decideAccess, routeAccess } from "@/lib/auth/route-access";

test.each([
  ["/", "public"],
  ["/sign-in", "public"],
  ["/sign-in/continue", "public"],
  ["/sign-up", "public"],
  ["/verify-email", "public"],
  ["/reset-password", "public"],
  ["/invitations/abc", "public"],
  ["/dev/mailbox", "public"],
  ["/api/tenants/demo/invitations", "public"],
  ["/demo", "signed-in"],
  ["/demo/settings/members", "signed-in"],
  ["/new", "signed-in"],
  ["/no-tenant", "signed-in"],
  ["/sign-inx", "signed-in"],
  ["/admin", "platform-admin"],
  ["/admin/users", "platform-admin"],
  ["/administrator", "signed-in"],
] as const)("%s is %s", (path, expected) => {
  expect(routeAccess(path)).toBe(expected);
});

test("signed out on a dashboard page → sign-in, coming back to the same page and query", () => {
  expect(decideAccess("/demo/settings/members", "?tab=2", null)).toEqual({
    action: "redirect",
    to: "/sign-in?callbackUrl=%2Fdemo%2Fsettings%2Fmembers%3Ftab%3D2",
  });
});

test("/admin: signed out → sign-in; anyone signed in → through (the page guard answers 404 to non-admins)", () => {
  expect(decideAccess("/admin", "", null)).toEqual({ action: "redirect", to: "/sign-in?callbackUrl=%2Fadmin" });
  // Not a redirect to the marketing page: the admin pages' own guard answers 404 (issue #13).
  expect(decideAccess("/admin/users", "", { platformAdmin: false })).toEqual({ action: "next" });
  expect(decideAccess("/admin/users", "", { platformAdmin: true })).toEqual({ action: "next" });
});

test("public pages and APIs are never redirected (APIs answer 401 themselves)", () => {
  expect(decideAccess("/sign-in", "", null)).toEqual({ action: "next" });
  expect(decideAccess("/api/tenants/demo/invitations", "", null)).toEqual({ action: "next" });
});
