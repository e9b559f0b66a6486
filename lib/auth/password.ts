// Password hashing with bcrypt (bcryptjs: maintained, pure JavaScript, so no native build
// step on any machine). Cost 12 ≈ 250 ms here: slow for attackers, fine for a sign-in.
import bcrypt from "bcryptjs";

const COST = Number(process.env.BCRYPT_COST ?? 12);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Comparing against a real hash when the user does not exist makes a wrong email cost the
// same time as a wrong password, so timing reveals nothing. Made once, on first use.
let dummyHash: Promise<string> | undefined;

export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash(crypto.randomUUID(), COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
