// Every integration test file runs with these settings. DATABASE_URL (if given) points at the
// PostgreSQL test database, migrated once by global-setup.ts; without it each file gets its
// own in-memory PGlite.
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.BCRYPT_COST ??= "4"; // hashing strength is not under test; speed is welcome
process.env.LOG_LEVEL ??= "warn";
