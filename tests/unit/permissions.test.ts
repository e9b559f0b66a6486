import { can, canManageRole, PERMISSIONS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

const ranked: Role[] = ["VIEWER", "MEMBER", "ADMIN", "OWNER"];

test("each stronger role has every permission of the weaker ones", () => {
  for (let i = 1; i < ranked.length; i++) {
    for (const p of PERMISSIONS[ranked[i - 1]!])
      expect([ranked[i], p, can(ranked[i], p)]).toEqual([ranked[i], p, true]);
  }
});

test.each([
  ["VIEWER", "citizen.read", true],
  ["VIEWER", "citizen.update", false],
  ["VIEWER", "case.create", false],
  ["MEMBER", "case.update", true],
  ["MEMBER", "member.invite", false],
  ["MEMBER", "citizen.purge", false],
  ["ADMIN", "citizen.purge", true],
  ["MEMBER", "citizen.merge", false],
  ["ADMIN", "citizen.merge", true],
  ["COMPLIANCE", "citizen.merge", false],
  ["ADMIN", "tenant.transfer", false],
  ["OWNER", "tenant.transfer", true],
  ["COMPLIANCE", "audit.read", true],
  ["COMPLIANCE", "gdpr.request", true],
  ["COMPLIANCE", "citizen.update", false],
  ["COMPLIANCE", "member.invite", false],
  ["VIEWER", "saved_view.save", true],
  ["VIEWER", "saved_view.share", false],
  ["MEMBER", "saved_view.share", true],
  ["COMPLIANCE", "saved_view.save", true],
  ["COMPLIANCE", "saved_view.share", false],
] as const)("%s %s → %s", (role, permission, expected) => {
  expect(can(role, permission)).toBe(expected);
});

test("no role, no permission", () => {
  expect(can(null, "tenant.read")).toBe(false);
  expect(can(undefined, "tenant.read")).toBe(false);
});

test.each([
  ["OWNER", "OWNER", true],
  ["OWNER", "ADMIN", true],
  ["ADMIN", "OWNER", false],
  ["ADMIN", "ADMIN", true],
  ["ADMIN", "MEMBER", true],
  ["ADMIN", "COMPLIANCE", true],
  ["MEMBER", "VIEWER", false],
  ["VIEWER", "VIEWER", false],
  ["COMPLIANCE", "VIEWER", false],
] as const)("%s may manage %s: %s", (actor, target, expected) => {
  expect(canManageRole(actor, target)).toBe(expected);
});
