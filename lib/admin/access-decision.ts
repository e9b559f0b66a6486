// Who may enter the platform admin area, as one pure decision shared by the page guard, the
// action guard and the route guard (lib/auth/platform-guard.ts), so the three cannot drift.
// The row must come from the database on every request: the session token says who someone
// is, never whether they are (still) an admin or (still) enabled.
import type { PlatformRole } from "@/lib/generated/prisma/enums";
import type { PlatformAdminUser } from "./types";

export type PlatformUserRow = {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole;
  disabledAt: Date | null;
};

export type PlatformAccessDecision =
  | { kind: "allow"; admin: PlatformAdminUser }
  /** Nobody signed in: send them to sign in (pages) or answer 401 (actions, routes). */
  | { kind: "sign_in" }
  /** Signed in, but not an enabled platform admin (or the account is gone). */
  | { kind: "denied" };

export function decidePlatformAccess(
  sessionUserId: string | null | undefined,
  row: PlatformUserRow | null | undefined,
): PlatformAccessDecision {
  if (!sessionUserId) return { kind: "sign_in" };
  if (!row || row.id !== sessionUserId) return { kind: "denied" };
  if (row.disabledAt !== null) return { kind: "denied" };
  if (row.platformRole !== "ADMIN") return { kind: "denied" };
  return { kind: "allow", admin: { id: row.id, email: row.email, name: row.name } };
}
