// Saved views need the permission of the list they query (lib/saved-views/access.ts): a cases
// view case.read, a citizens view citizen.read, never the other one; sharing needs more.
import { can, type Permission } from "@/lib/auth/permissions";
import { canSaveView, missingSavedViewPermissions, savedViewPermissions } from "@/lib/saved-views/access";

/** A grant no built-in role has: the cases list without the citizens list. */
const casesOnly = (permission: Permission) => (["case.read", "saved_view.save"] as Permission[]).includes(permission);

test("a cases view takes case.read, a citizens view citizen.read", () => {
  expect(savedViewPermissions({ resource: "cases", shared: false })).toEqual(["saved_view.save", "case.read"]);
  expect(savedViewPermissions({ resource: "citizens", shared: false })).toEqual(["saved_view.save", "citizen.read"]);
  expect(savedViewPermissions({ resource: "cases", shared: true })).toEqual([
    "saved_view.save",
    "case.read",
    "saved_view.share",
  ]);
});

test("case.read without citizen.read may save a cases view, not a citizens view", () => {
  expect(missingSavedViewPermissions(casesOnly, { resource: "cases", shared: false })).toEqual([]);
  expect(missingSavedViewPermissions(casesOnly, { resource: "citizens", shared: false })).toEqual(["citizen.read"]);
  expect(missingSavedViewPermissions(casesOnly, { resource: "cases", shared: true })).toEqual(["saved_view.share"]);
});

test.each([
  ["VIEWER", false, true],
  ["VIEWER", true, false],
  ["MEMBER", true, true],
  ["ADMIN", true, true],
  ["OWNER", true, true],
  ["COMPLIANCE", false, true],
  ["COMPLIANCE", true, false],
] as const)("%s, shared %s → %s (both lists)", (role, shared, expected) => {
  expect(canSaveView(role, { resource: "cases", shared })).toBe(expected);
  expect(canSaveView(role, { resource: "citizens", shared })).toBe(expected);
});

test("no role saves nothing", () => {
  expect(canSaveView(null, { resource: "cases", shared: false })).toBe(false);
  expect(can(undefined, "saved_view.save")).toBe(false);
});
