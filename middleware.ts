// Runs before every page and API request: gives the request an id (kept from the caller when
// well formed) and a CSP nonce, and puts the security headers on the response. Next.js 16
// prefers the name proxy.ts; the product's layout keeps middleware.ts while Next honours it.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/context/request-id";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

export function middleware(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const nonce = newNonce();
  const headers = securityHeaders(nonce, {
    dev: process.env.NODE_ENV !== "production",
    https: request.nextUrl.protocol === "https:",
  });

  // Next.js reads the nonce from the request's CSP header and applies it to its own scripts;
  // the root layout reads x-nonce for the theme script.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]!);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)" }],
};
