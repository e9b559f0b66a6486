// Checks an email and password. The one business function behind every password sign-in.
// Unknown email, disabled account and wrong password all take the same time and give the
// same answer (null), so the response never tells whether an account exists.
import "server-only";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { signInSchema } from "./schemas";

export type AuthenticatedUser = { id: string; email: string; name: string };

export async function authenticate(input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.pick({ email: true, password: true }).safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !ok || user.disabledAt) {
    logger.info({ event: "auth.sign_in_failed" }, "sign-in failed");
    return null;
  }
  logger.info({ event: "auth.sign_in", user_id: user.id }, "signed in");
  return { id: user.id, email: user.email, name: user.name };
}
