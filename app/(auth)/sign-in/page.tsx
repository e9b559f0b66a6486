import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInErrorMessage } from "@/components/auth/sign-in-error-message";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInLinks } from "@/components/auth/sign-in-links";
import { landingPathFor } from "@/lib/auth/landing";
import { oauthProviderList } from "@/lib/auth/oauth";
import { currentUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  // Repeated query keys arrive as arrays; only a single value is meaningful here. A value that
  // could leave the site is dropped here already, so the form never carries it.
  const callbackUrl = safeRedirectPath(params.callbackUrl) ?? undefined;
  const error = typeof params.error === "string" ? params.error : undefined;
  // Signed in already: the form would be a dead end (issue #13), so go where signing in would.
  // When the session cannot be checked the form is shown, as to a signed-out visitor.
  const user = await currentUser().catch(() => null);
  if (user) redirect(callbackUrl ?? (await landingPathFor(user.email)));
  const showDemoHint = process.env.NODE_ENV !== "production" || process.env.CIVITAS_DEMO_HINT === "1";

  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">Sign in to Civitas</h1>
      <p className="mt-1 text-sm text-muted-foreground">Use your staff account, or create one if you were invited.</p>
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={error ? signInErrorMessage(error) : undefined}
        showDemoHint={showDemoHint}
      />
      <OAuthButtons providers={oauthProviderList()} callbackUrl={callbackUrl} />
      <SignInLinks />
    </div>
  );
}
