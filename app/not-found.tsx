import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Where a signed-in visitor's way back leads; null when nobody is signed in. Not the landing
 * path itself: Next renders this component on every page of the app (it is the not-found
 * boundary's fallback, serialised with each page whether or not it shows), so a look-up here
 * ran the user and membership queries twice on every request (measured: 2 of the citizen
 * list's 10 transactions). /sign-in/continue finds the dashboard when the link is followed;
 * the session check is the one the page already made (cached per request).
 */
async function backIntoApp(): Promise<string | null> {
  // A 404 must render even when the session cannot be checked (database down): it then
  // offers what a signed-out visitor gets.
  try {
    return (await currentUser()) ? "/sign-in/continue" : null;
  } catch {
    return null;
  }
}

// Also what a user sees for another organisation's pages (and /admin without the platform
// role): the app answers 404, never 403, so it never confirms that a tenant or record exists.
// A signed-in visitor gets a way back into the app rather than the marketing page's "Sign in".
export default async function NotFound() {
  const back = await backIntoApp();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <Logo />
      <p className="mt-4 text-sm font-semibold text-brand-700 dark:text-brand-300">404</p>
      <h1 className="text-2xl font-semibold tracking-tight text-foreground">Page not found</h1>
      <p className="max-w-md text-muted-foreground">The page does not exist, or you do not have access to it.</p>
      <div className="mt-2 flex flex-wrap justify-center gap-3">
        {back ? (
          <Link href={back} className={buttonClasses()}>
            Back to Civitas
          </Link>
        ) : (
          <>
            <Link href="/" className={buttonClasses()}>
              Go to the home page
            </Link>
            <Link href="/sign-in" className={buttonClasses({ variant: "secondary" })}>
              Sign in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
