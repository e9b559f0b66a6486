// Jest runs two projects: fast unit tests of pure logic, and integration tests against a real
// PostgreSQL (DATABASE_URL) or, without one, the embedded PGlite database. TypeScript is
// compiled by SWC (no type-checking here: `npm run typecheck` does that).

/** @type {import('jest').Config['transform']} */
const transform = {
  "^.+\\.(t|j)sx?$": [
    "@swc/jest",
    {
      jsc: {
        parser: { syntax: "typescript", tsx: true },
        target: "es2022",
        transform: { react: { runtime: "automatic" } },
      },
      module: { type: "commonjs" },
    },
  ],
};

const shared = {
  transform,
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/$1",
    // Next's guard against client imports; meaningless (and throwing) under plain Node.
    "^server-only$": "<rootDir>/tests/support/empty-module.ts",
  },
  testEnvironment: "node",
  // Auth.js and its helpers, and pg-boss (h4), ship ES modules only; compile them like our own code.
  transformIgnorePatterns: [
    "/node_modules/(?!(next-auth|@auth/core|jose|oauth4webapi|@panva/hkdf|preact|preact-render-to-string|pg-boss|rrule-temporal|temporal-spec|serialize-error|non-error)/)",
  ],
  moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json"],
};

/** @type {import('jest').Config} */
const config = {
  // Integration tests start databases and hash passwords; unit tests finish long before this.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: "unit", testMatch: ["<rootDir>/tests/unit/**/*.test.ts?(x)"] },
    {
      ...shared,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/global-setup.ts",
      setupFiles: ["<rootDir>/tests/support/integration-env.ts"],
      setupFilesAfterEnv: ["<rootDir>/tests/support/request-context-per-test.ts"],
    },
  ],
};

export default config;
