// Who is signed in, for server components and actions.
import "server-only";
import { redirect } from "next/navigation";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string; name: string };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? u.email };
}

/** For pages: sends a signed-out visitor to sign in, then back to `returnTo`. */
export async function requireUserOrRedirect(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
