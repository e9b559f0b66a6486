import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button, buttonClasses } from "@/components/ui/button";
import { INVALID_LINK_MESSAGE } from "@/lib/auth/schemas";
import { landingPathFor } from "@/lib/auth/landing";
import { currentUser } from "@/lib/auth/session";
import { isEmailTokenUsable } from "@/lib/auth/email-tokens";
import { isEmailVerified } from "@/lib/auth/verify-email";
import { confirmEmailAction, resendVerificationAction } from "./actions";

// The URL carries the token until it is used: never send it to another site in a Referer header.
export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The emailed link only shows a "Confirm" button: opening a link (a mail scanner, a preview)
 * must not confirm the address. The button uses the token, then redirects to a token-free URL
 * that says how it went (a reload or the back button then shows the result).
 */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const params = await searchParams;
  if (typeof params.token === "string") {
    if (!(await isEmailTokenUsable(params.token, "VERIFY_EMAIL"))) redirect("/verify-email?status=invalid");
    return (
      <Panel title="Confirm your email address">
        <p className="mt-2 text-sm text-muted-foreground">One last step: confirm that this address is yours.</p>
        <form action={confirmEmailAction} className="mt-6">
          <input type="hidden" name="token" value={params.token} />
          <Button type="submit" size="lg" className="w-full">
            Confirm my email address
          </Button>
        </form>
      </Panel>
    );
  }
  const status = typeof params.status === "string" ? params.status : undefined;
  const resend = typeof params.resend === "string" ? params.resend : undefined;
  const user = await currentUser();
  const verified = user ? await isEmailVerified(user.id) : false;

  if (status === "verified" || verified) {
    return (
      <Panel title="Your email address is confirmed">
        <p className="mt-2 text-sm text-muted-foreground">Thank you. You can now use your account.</p>
        <Link
          href={user ? await landingPathFor(user.email) : "/sign-in"}
          className={buttonClasses({ size: "lg", className: "mt-6 w-full" })}
        >
          Continue
        </Link>
      </Panel>
    );
  }

  if (resend === "sent") {
    return (
      <Panel title="Check your email">
        <p className="mt-2 text-sm text-muted-foreground">
          We sent a new confirmation link to{" "}
          <strong className="text-foreground">{user?.email ?? "your address"}</strong>. It expires in 24 hours; earlier
          links no longer work.
        </p>
      </Panel>
    );
  }

  return (
    <Panel title={status === "invalid" ? "This link can't be used" : "Confirm your email"}>
      <p className="mt-2 text-sm text-muted-foreground">
        {status === "invalid"
          ? `${INVALID_LINK_MESSAGE} Confirmation links expire after 24 hours.`
          : "Open the link we emailed you to confirm your address."}
      </p>
      {resend === "rate_limited" || resend === "failed" ? (
        <p
          role="alert"
          className="mt-4 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200"
        >
          {resend === "rate_limited"
            ? "Too many new links were asked for. Please try again later."
            : "We could not send the email. Please try again later."}
        </p>
      ) : null}
      {user ? (
        <form action={resendVerificationAction} className="mt-6">
          <Button type="submit" size="lg" className="w-full">
            Email me a new link
          </Button>
        </form>
      ) : (
        <>
          <p className="mt-2 text-sm text-muted-foreground">Sign in to ask for a new link.</p>
          <Link
            href="/sign-in?callbackUrl=%2Fverify-email"
            className={buttonClasses({ size: "lg", className: "mt-6 w-full" })}
          >
            Sign in
          </Link>
        </>
      )}
    </Panel>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">{title}</h1>
      {children}
    </div>
  );
}
