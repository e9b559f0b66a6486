// Input schemas for authentication, shared by the sign-in form (client) and the server action.
import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** What the sign-in server action returns to `useActionState`. */
export type SignInState = {
  /** A message for the whole form, e.g. wrong credentials. */
  error?: string;
  /** Messages per field, from the zod schema. */
  fieldErrors?: Partial<Record<"email" | "password", string[]>>;
  /** Echoed back so the form keeps what the user typed (never the password). */
  values?: { email: string };
};

/** One wording for a failed password sign-in, wherever it is shown. Says nothing about which part was wrong. */
export const WRONG_CREDENTIALS_MESSAGE = "That email and password don't match an account.";
