// Turns the `error` code Auth.js puts in the sign-in URL into a sentence for the user. Unknown
// codes get a generic message: the query string is user-controlled, so it is never echoed.
import { WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/schemas";

// Auth.js's codes: AccessDenied (the signIn callback said no), OAuthCallbackError (the provider
// answered the sign-in with an error, e.g. the person cancelled), OAuthSignin, Configuration
// (everything else Auth.js hides, including a failed token exchange: the log has the cause).
// The OAuth* codes below them are the app's own refusals (lib/auth/oauth-sign-in.ts).
const messages: Record<string, string> = {
  CredentialsSignin: WRONG_CREDENTIALS_MESSAGE,
  SessionRequired: "Please sign in to continue.",
  AccessDenied: "This sign-in was refused. Sign in with your password, or ask your administrator for access.",
  OAuthCallbackError:
    "The sign-in provider did not complete the sign-in (it may have been cancelled there). Please try again.",
  OAuthSignin: "The sign-in provider could not be reached. Please try again, or sign in with your password.",
  OAuthAccountNotLinked: "This email already belongs to a Civitas account. Sign in with your password.",
  OAuthEmailNotVerified:
    "The sign-in provider has not verified this email address, and it already belongs to a Civitas account. Sign in with your password, or verify the address with your provider first.",
  OAuthNoEmail:
    "The sign-in provider did not share an email address, which Civitas needs. Allow it to share your email, or sign in with your password.",
  AccountDisabled: "This account has been disabled. Ask your administrator.",
  Configuration:
    "Sign-in with this provider could not be completed. Please try again; if it keeps failing, tell your administrator (the server log has the details).",
};

export function signInErrorMessage(code: string): string {
  return messages[code] ?? "Sign-in failed. Please try again.";
}
