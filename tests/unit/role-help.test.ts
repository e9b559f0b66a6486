// Role help beside the role picker (issue #13): derived from the permission table, naming only
// permissions the app checks somewhere, one sentence per role.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PERMISSION_PHRASES, ROLE_DESCRIPTIONS, roleHelp } from "@/components/members/role-labels";
import { PERMISSIONS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

const ROOT = path.join(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const code = ["app", "lib", "components"]
  .flatMap((d) => sources(path.join(ROOT, d)))
  .filter((f) => !f.endsWith(path.join("auth", "permissions.ts")) && !f.endsWith("role-labels.ts"))
  .map((f) => readFileSync(f, "utf8"))
  .join("\n");

const ROLES = Object.keys(PERMISSIONS) as Role[];

test("every named permission is one the app checks (no help for features that are not built)", () => {
  for (const permission of Object.keys(PERMISSION_PHRASES))
    expect([permission, code.includes(`"${permission}"`)]).toEqual([permission, true]);
});

test.each(ROLES)("%s help is a sentence naming only what the role's permissions allow", (role) => {
  const help = roleHelp(role);
  expect(ROLE_DESCRIPTIONS[role]).toBe(help);
  expect(help).toMatch(/^[A-Z][^.]*\.$/);
  // Not built yet: GDPR requests and deleting an organisation are never named.
  expect(help).not.toMatch(/GDPR|delete the organisation/i);
  // Every phrase in the help belongs to a permission the role (or, for "everything a … can",
  // the role below) holds.
  for (const [permission, phrase] of Object.entries(PERMISSION_PHRASES)) {
    if (help.includes(phrase!) && !help.startsWith("Everything"))
      expect(PERMISSIONS[role].has(permission as never)).toBe(true);
  }
});

test("the ranked roles build on each other; compliance is listed in full", () => {
  expect(roleHelp("VIEWER")).toBe("Can see citizens, see cases, see the members and save list views.");
  expect(roleHelp("MEMBER")).toMatch(/^Everything a viewer can, and add citizens, .*share list views\.$/);
  expect(roleHelp("MEMBER")).toContain("use the AI features, which spend credits");
  expect(roleHelp("ADMIN")).toMatch(/^Everything a member can, and .*invite members.*\.$/);
  expect(roleHelp("ADMIN")).toMatch(
    /merge duplicate citizens.*change the plan and buy credits.*change the AI settings/,
  );
  expect(roleHelp("OWNER")).toBe("Everything an admin can, and transfer ownership.");
  expect(roleHelp("COMPLIANCE")).toMatch(/^Can .*read the audit log.*\.$/);
  expect(roleHelp("COMPLIANCE")).not.toContain("edit");
});
