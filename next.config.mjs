import { readFileSync } from "node:fs";

// The security headers that never vary, on every path however it is routed (static files and
// the CSV upload route never pass middleware.ts, which adds the nonce'd CSP to the rest).
const staticSecurityHeaders = JSON.parse(
  readFileSync(new URL("./lib/http/static-security-headers.json", import.meta.url), "utf8"),
);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` refuses its HMR websocket and dev resources from any origin but its own host
  // name, so the README's http://127.0.0.1:3000 never hydrated ("Blocked cross-origin
  // request … from 127.0.0.1") while http://localhost:3000 did. Both are this machine.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // Packages that must stay plain Node modules: PGlite and libpg-query (the chat SQL guard's
  // parser) load their WebAssembly from disk beside their own files, which a bundle moves away
  // from; pino and pg are not meant for bundling.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pino",
    "pino-pretty",
    "pg",
    "bcryptjs",
    "@prisma/adapter-pg",
    "ioredis",
    "nodemailer",
    "libpg-query",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: Object.entries(staticSecurityHeaders).map(([key, value]) => ({ key, value })) },
    ];
  },
  experimental: {
    // Next 16 otherwise contacts its servers to offer upgrades; this machine has no internet.
    agentUpgrade: false,
    // Stated rather than defaulted: lib/http/action-body.ts holds the same figure for the
    // middleware and the forms (a unit test checks that they agree).
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
