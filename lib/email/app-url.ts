// Absolute links for emails. The base is APP_URL, else AUTH_URL's origin, else the origin of the
// request being served. Set APP_URL (or AUTH_URL) in production: a link built from the request's
// Host header can be pointed at another site by whoever sends the request, which for a password
// reset email would hand the token to them.
import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log/logger";

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const FALLBACK = "http://localhost:3000";

/** The origin of the current request from its Host and x-forwarded-proto; undefined outside one. */
export async function requestOrigin(): Promise<string | undefined> {
  let h: Headers;
  try {
    h = await headers();
  } catch {
    return undefined; // not inside a request (scripts, tests)
  }
  const host = h.get("host")?.trim();
  if (!host || !HOST.test(host)) return undefined;
  const forwarded = h.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : "http";
  return `${proto}://${host}`;
}

let warned = false;

/** The configured public base URL (no trailing slash), or undefined when none is set. */
export function configuredBaseUrl(): string | undefined {
  const { APP_URL, AUTH_URL } = getConfig();
  if (APP_URL) return APP_URL.replace(/\/+$/, "");
  if (AUTH_URL) return new URL(AUTH_URL).origin;
  return undefined;
}

/** `path` (e.g. "/verify-email?token=…") as an absolute URL for an email. */
export async function appUrl(path: string, origin?: string): Promise<string> {
  let base = configuredBaseUrl();
  if (!base) {
    base = origin ?? (await requestOrigin()) ?? FALLBACK;
    if (!warned && process.env.NODE_ENV === "production") {
      warned = true;
      logger.warn(
        { event: "email.app_url_from_request" },
        "APP_URL is not set: emailed links use the request's Host header",
      );
    }
  }
  return `${base.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}
