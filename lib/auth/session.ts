// Who is signed in, for server components, actions and route handlers. Auth.js's jwt callback
// has already checked the server-side session (lib/auth/sessions) by the time this returns.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { DatabaseUnavailableError, type DatabaseFailure } from "@/lib/db/unavailable";
import { SESSION_UNAVAILABLE_CLAIM } from "./session-unavailable";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  sessionId?: string;
  /** From the session token, for showing the admin link only: admin pages re-check the database. */
  platformAdmin?: boolean;
};

// cache(): the layout, the page and their components share one session check per request.
// Null means "nobody is signed in" and nothing else: when the session could not be checked
// (database unreachable) this throws DatabaseUnavailableError, a 503, and signs nobody out.
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const unavailable = (session as { [SESSION_UNAVAILABLE_CLAIM]?: DatabaseFailure } | null)?.[
    SESSION_UNAVAILABLE_CLAIM
  ];
  if (unavailable) throw new DatabaseUnavailableError(unavailable, { userId: session?.user?.id });
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  const { sessionId, platformAdmin } = session as { sessionId?: string; platformAdmin?: boolean };
  return {
    id: u.id,
    email: u.email,
    name: u.name ?? u.email,
    ...(sessionId ? { sessionId } : {}),
    ...(platformAdmin ? { platformAdmin } : {}),
  };
});

/** For pages: sends a signed-out visitor to sign in, then back to `returnTo`. */
export async function requireUserOrRedirect(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
