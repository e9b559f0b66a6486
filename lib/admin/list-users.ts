// The user list of the admin area: search by email or name, alphabetical by email, keyset
// pages, with what an operator needs to judge an account at a glance.
import "server-only";
import { getDb } from "@/lib/db";
import { readPlatformDirectory } from "./directory";
import { parseInput } from "@/lib/errors";
import { listUsersSchema, type ListUsersInput } from "./schemas";
import { containsInsensitive } from "./search";
import type { Page, UserListItem } from "./types";

export async function listUsers(input: ListUsersInput = {}): Promise<Page<UserListItem>> {
  const { q, cursor, limit } = parseInput(listUsersSchema, input);
  const db = await getDb();
  const rows = await readPlatformDirectory((db) =>
    db.user.findMany({
      where: q ? { OR: [{ email: containsInsensitive(q) }, { name: containsInsensitive(q) }] } : undefined,
      orderBy: [{ email: "asc" }, { id: "asc" }],
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      take: limit + 1, // one extra row says whether there is a next page
      select: {
        id: true,
        email: true,
        name: true,
        platformRole: true,
        disabledAt: true,
        emailVerifiedAt: true,
        createdAt: true,
        _count: { select: { memberships: true } },
      },
    }),
  );
  const page = rows.slice(0, limit);

  // Last sign-in = the newest session the user started; one grouped query for the whole page.
  const ids = page.map((u) => u.id);
  const lastSessions = ids.length
    ? await db.authSession.groupBy({ by: ["userId"], where: { userId: { in: ids } }, _max: { createdAt: true } })
    : [];
  const lastSignIn = new Map(lastSessions.map((s) => [s.userId, s._max.createdAt]));

  return {
    items: page.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      platformRole: u.platformRole,
      disabledAt: u.disabledAt,
      verified: u.emailVerifiedAt !== null,
      membershipCount: u._count.memberships,
      createdAt: u.createdAt,
      lastSignInAt: lastSignIn.get(u.id) ?? null,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
