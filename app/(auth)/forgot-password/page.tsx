import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">Forgot your password?</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        Enter the email address you sign in with and we will send you a link to choose a new password.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 border-t border-border pt-5 text-sm text-muted-foreground">
        Remembered it?{" "}
        <Link
          href="/sign-in"
          className="font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300"
        >
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
