"use server";
// Thin server action: hand the form to signUp and turn its result into the form's state. The
// answer for a new address and for one that already has an account is the same ("check your
// email"); the user is not signed in until they have a verified address and sign in.
import { headers } from "next/headers";
import { publicAction } from "@/lib/auth/guard";
import type { SignUpState } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { currentRequestId } from "@/lib/auth/tenant-access";
import { actionFailure } from "@/lib/errors/action";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { tooManyAttemptsMessage } from "@/lib/rate-limit/account-policy";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export const signUpAction = publicAction(async (_prev: SignUpState, formData: FormData): Promise<SignUpState> => {
  const input = {
    name: field(formData, "name"),
    email: field(formData, "email"),
    password: field(formData, "password"),
    confirmPassword: field(formData, "confirmPassword"),
  };
  const values = { name: input.name, email: input.email };
  try {
    const result = await signUp(input, { ip: clientIpFrom(await headers()) });
    if (result.ok) return { status: "sent", values: { name: input.name, email: input.email.trim().toLowerCase() } };
    if (result.reason === "rate_limited") return { error: tooManyAttemptsMessage(result.retryAfterSeconds), values };
    const { name, email, password, confirmPassword } = result.fieldErrors;
    return { fieldErrors: { name, email, password, confirmPassword }, values };
  } catch (err) {
    return { error: actionFailure(err, await currentRequestId()).message, values };
  }
});
