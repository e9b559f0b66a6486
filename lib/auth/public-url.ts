// The app's public URL for Auth.js. Auth.js builds every URL it hands out — the OAuth
// redirect_uri of the authorize request and of the token request, the callback and error
// redirects — from the URL of the request it serves, and it gets that URL from two different
// places: the sign-in server action builds it from the Host header, while the route handler
// (/api/auth/callback/…) gets Next.js's own request URL, made from the address the server
// binds to (`next start -H …`, "localhost" by default), not from the browser's Host. Behind a
// proxy or with -H the two differ, the provider refuses the token request (redirect_uri
// mismatch → invalid_grant) and the error redirect leaves APP_URL's origin.
//
// So both are put on the configured public URL (APP_URL, else AUTH_URL) and nothing in the
// request (Host, X-Forwarded-Host, the bind address) decides it any more: the server actions
// through AUTH_URL, the only override next-auth reads there; the route handler through
// onPublicUrl (lib/auth/auth-route.ts), because next-auth's own AUTH_URL rewrite of the route's
// request goes through NextRequest, which turns a loopback host (127.0.0.1) into "localhost".
import "server-only";
import type { NextRequest } from "next/server";
import type { Config } from "@/lib/config/schema";
import { getConfig } from "@/lib/config";
import { AUTH_BASE_PATH } from "./public-url-check";

/** The public origin (scheme, host, port) of the app, or undefined when none is configured. */
export function publicOrigin(c: Pick<Config, "APP_URL" | "AUTH_URL"> = getConfig()): string | undefined {
  const url = c.APP_URL ?? c.AUTH_URL;
  return url ? new URL(url).origin : undefined;
}

/**
 * Points Auth.js at the public URL (see the top of this file). Called when the Auth.js
 * configuration is built, which next-auth does before it reads AUTH_URL for the request.
 * Without a configured URL (development) Auth.js keeps deriving it from the request.
 */
export function pinAuthJsUrl(): void {
  const origin = publicOrigin();
  if (origin) process.env.AUTH_URL = `${origin}${AUTH_BASE_PATH}`;
}

/** The same request with the public origin instead of the one Next.js derived from the bind address. */
export async function onPublicUrl(request: NextRequest, origin: string | undefined = publicOrigin()): Promise<Request> {
  if (!origin) return request; // nothing configured (development): Auth.js uses the request as it is
  const { pathname, search } = new URL(request.url);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(`${origin}${pathname}${search}`, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    redirect: "manual",
  });
}
