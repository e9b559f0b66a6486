// The key that signs session tokens. Production must set AUTH_SECRET (config refuses to start
// without it). Elsewhere a random one is made once and kept beside the embedded database, so
// `npm run dev` needs no setup and sessions survive restarts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { getConfig } from "@/lib/config";

const DEV_SECRET_FILE = "./.data/auth-secret";

export function authSecret(): string {
  const config = getConfig();
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (existsSync(DEV_SECRET_FILE)) return readFileSync(DEV_SECRET_FILE, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(dirname(DEV_SECRET_FILE), { recursive: true });
  writeFileSync(DEV_SECRET_FILE, secret, { mode: 0o600 });
  return secret;
}
