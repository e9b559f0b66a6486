/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Packages that must stay plain Node modules: PGlite loads its WebAssembly from disk,
  // pino and pg are not meant for bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino", "pino-pretty", "pg", "bcryptjs", "@prisma/adapter-pg", "ioredis", "nodemailer"],
  experimental: {
    // Next 16 otherwise contacts its servers to offer upgrades; this machine has no internet.
    agentUpgrade: false,
    // Stated rather than defaulted: lib/http/action-body.ts holds the same figure for the
    // middleware and the forms (a unit test checks that they agree).
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
