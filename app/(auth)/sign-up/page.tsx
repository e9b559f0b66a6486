import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">Create your Civitas account</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        Start an organisation, or join one you have been invited to. We will email you a link to confirm your address.
      </p>
      <SignUpForm />
      <p className="mt-6 border-t border-border pt-5 text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link
          href="/sign-in"
          className="font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300"
        >
          Sign in
        </Link>
      </p>
    </div>
  );
}
