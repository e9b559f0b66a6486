import Link from "next/link";

const link = "font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300";

/** The ways out of the sign-in form: a forgotten password, or no account yet. */
export function SignInLinks() {
  return (
    <div className="mt-6 flex flex-col gap-2 border-t border-border pt-5 text-sm text-muted-foreground sm:flex-row sm:justify-between">
      <Link href="/forgot-password" className={link}>
        Forgot password?
      </Link>
      <p>
        New here?{" "}
        <Link href="/sign-up" className={link}>
          Create an account
        </Link>
      </p>
    </div>
  );
}
