"use server";
// Thin server action: parse with the shared schema, sign in through Auth.js, send the user to
// where they were going (or their first tenant). Wrong credentials get one neutral message;
// too many attempts get "try again later", the same for every email.
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn, SignInRateLimited } from "@/lib/auth/auth";
import { rateLimitedMessage } from "@/lib/rate-limit/sign-in-policy";
import { z } from "zod";
import { signInSchema, WRONG_CREDENTIALS_MESSAGE, type SignInState } from "@/lib/auth/schemas";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { landingPathFor } from "@/lib/auth/landing";
import { actionFailure } from "@/lib/errors/action";
import { currentRequestId } from "@/lib/auth/tenant-access";
import { publicAction } from "@/lib/auth/guard";
import { oauthProviderList } from "@/lib/auth/oauth";

export const signInAction = publicAction(async (_prev: SignInState, formData: FormData): Promise<SignInState> => {
  const raw = {
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
    callbackUrl: String(formData.get("callbackUrl") ?? "") || undefined,
  };
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error).fieldErrors;
    return { fieldErrors: { email: flat.email, password: flat.password }, values: { email: raw.email } };
  }
  let destination: string;
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
    destination = safeRedirectPath(parsed.data.callbackUrl) ?? (await landingPathFor(parsed.data.email));
  } catch (err) {
    if (err instanceof SignInRateLimited)
      return { error: rateLimitedMessage(err.retryAfterSeconds), values: { email: parsed.data.email } };
    if (err instanceof AuthError) return { error: WRONG_CREDENTIALS_MESSAGE, values: { email: parsed.data.email } };
    const failure = actionFailure(err, await currentRequestId());
    return { error: failure.message, values: { email: parsed.data.email } };
  }
  redirect(destination);
});

/** Starts an OAuth sign-in with a configured provider (the button sends its id). */
export const oauthSignInAction = publicAction(async (formData: FormData): Promise<void> => {
  const provider = String(formData.get("provider") ?? "");
  const callbackUrl = safeRedirectPath(String(formData.get("callbackUrl") ?? "") || undefined) ?? "/sign-in/continue";
  if (!oauthProviderList().some((p) => p.id === provider)) redirect("/sign-in?error=Configuration");
  await signIn(provider, { redirectTo: callbackUrl });
});
