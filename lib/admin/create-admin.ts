// Making someone a platform admin: the business function behind `npm run admin:create`
// (scripts/admin-create.ts), which is how the first admin comes to exist. Idempotent: an
// existing admin is left as is; an existing user is promoted (their password untouched); an
// unknown email gets a new, verified account with the given or a generated password.
//
// No "server-only" import here, unlike the rest of lib/admin: the CLI runs under plain Node
// (tsx), where that package throws on import. It is still server code: it takes the database.
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAdminSchema, type CreateAdminInput } from "./schemas";

export type CreateAdminResult = {
  userId: string;
  email: string;
  /** "created": new account; "promoted": existing user made admin; "unchanged": already one. */
  outcome: "created" | "promoted" | "unchanged";
  /** Set only when this call generated the password: show it once, it is stored nowhere. */
  generatedPassword?: string;
  /** The account exists but is disabled: admin rights do nothing until it is enabled. */
  disabled: boolean;
};

/** 24 URL-safe characters from 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export async function ensurePlatformAdmin(db: Db, input: CreateAdminInput): Promise<CreateAdminResult> {
  const { email, password } = parseInput(createAdminSchema, input);
  const existing = await db.user.findUnique({
    where: { email },
    select: { id: true, platformRole: true, disabledAt: true },
  });
  if (existing?.platformRole === "ADMIN") {
    return { userId: existing.id, email, outcome: "unchanged", disabled: existing.disabledAt !== null };
  }

  const generatedPassword = existing || password ? undefined : generatePassword();
  // Hashed before the transaction: bcrypt takes a while and needs no lock.
  const passwordHash = existing ? null : await hashPassword(password ?? generatedPassword!);

  return db.$transaction(async (tx) => {
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { platformRole: "ADMIN" },
          select: { id: true, disabledAt: true },
        })
      : await tx.user.create({
          data: {
            email,
            name: email.slice(0, email.indexOf("@")),
            passwordHash,
            emailVerifiedAt: new Date(),
            platformRole: "ADMIN",
          },
          select: { id: true, disabledAt: true },
        });
    const outcome = existing ? "promoted" : "created";
    await recordAudit(tx, {
      action: "admin.created",
      tenantId: null,
      targetType: "user",
      targetId: user.id,
      data: { email, outcome, via: "cli" },
    });
    return {
      userId: user.id,
      email,
      outcome,
      disabled: user.disabledAt !== null,
      ...(generatedPassword ? { generatedPassword } : {}),
    };
  });
}
