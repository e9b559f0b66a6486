// The Auth.js route handler (/api/auth/*) on the public URL. next-auth's own handler rebuilds the
// request on AUTH_URL as a NextRequest, and NextRequest renames every loopback host (127.0.0.1,
// [::1]) to "localhost": with APP_URL=http://127.0.0.1:… the token request then carried
// redirect_uri=http://localhost:…/api/auth/callback/… while the authorize request (made by
// the sign-in server action from a plain URL) had 127.0.0.1 — the provider answered
// invalid_grant and the error redirect left APP_URL's origin. So the handler does what
// next-auth's does (configuration defaults, then Auth.js) with a plain Request on the public URL.
import "server-only";
import { Auth, setEnvDefaults } from "@auth/core";
import type { NextRequest } from "next/server";
import { runWithLogContext } from "@/lib/context/request-context";
import { requestMetaFrom } from "@/lib/context/request-meta";
import { authConfig } from "./auth";
import { AUTH_BASE_PATH } from "./public-url-check";
import { onPublicUrl } from "./public-url";

export async function authRouteHandler(request: NextRequest): Promise<Response> {
  // Auth.js's callbacks and events (sign-in, sign-out, OAuth linking) audit in this request's
  // context: its id, IP and browser; the callback that learns who signed in adds the user.
  return runWithLogContext(requestMetaFrom(request.headers), async () => {
    const config = authConfig(); // also pins AUTH_URL for the server actions
    config.basePath ??= AUTH_BASE_PATH;
    // next-auth's defaults (secret, trustHost, provider ids from AUTH_<ID>_*): core's own function.
    setEnvDefaults(process.env, config, true);
    return Auth(await onPublicUrl(request), config);
  });
}
