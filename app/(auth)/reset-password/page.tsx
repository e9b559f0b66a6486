import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { isEmailTokenUsable } from "@/lib/auth/email-tokens";
import { INVALID_LINK_MESSAGE } from "@/lib/auth/schemas";
import { buttonClasses } from "@/components/ui/button";

// The URL carries the reset token: never send it to another site in a Referer header.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  // Checked (not used) before showing the form; the action decides when the form is sent.
  const usable = typeof token === "string" && (await isEmailTokenUsable(token, "RESET_PASSWORD"));

  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">Choose a new password</h1>
      {usable ? (
        <>
          <p className="mt-1 text-sm text-muted-foreground">
            Setting a new password signs this account out on every device.
          </p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <>
          <p className="mt-3 text-sm text-muted-foreground">
            {INVALID_LINK_MESSAGE} Reset links work once and expire after one hour.
          </p>
          <Link href="/forgot-password" className={buttonClasses({ className: "mt-6 w-full" })}>
            Ask for a new link
          </Link>
        </>
      )}
    </div>
  );
}
