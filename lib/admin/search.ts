// Case-insensitive substring search (ILIKE) for the admin lists.
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Prisma passes `contains` into LIKE unescaped, so a typed `_` or `%` would act as a wildcard
 * (a search for "_" listed every row). Escaping them (and the escape character, backslash,
 * PostgreSQL's default) makes the box search for exactly what was typed.
 */
export function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function containsInsensitive(q: string): Prisma.StringFilter {
  return { contains: escapeLike(q), mode: "insensitive" };
}
