// Turns the `error` code Auth.js puts in the sign-in URL into a sentence for the user. Unknown
// codes get a generic message: the query string is user-controlled, so it is never echoed.
import { WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/schemas";

const messages: Record<string, string> = {
  CredentialsSignin: WRONG_CREDENTIALS_MESSAGE,
  SessionRequired: "Please sign in to continue.",
  AccessDenied:
    "This account does not have access. If you already have a Civitas account with this email, sign in with your password and link the provider from there, or ask your administrator.",
  OAuthAccountNotLinked: "This email already belongs to a Civitas account. Sign in with your password.",
  Configuration: "Sign-in is temporarily unavailable. Please try again later.",
};

export function signInErrorMessage(code: string): string {
  return messages[code] ?? "Sign-in failed. Please try again.";
}
