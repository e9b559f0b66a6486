// The ports of the e2e servers, shared by playwright.config.ts and the specs that reach a
// server other than baseURL.
export const appPort = Number(process.env.E2E_PORT ?? 3210);

/**
 * A second app instance on the same database, or null: it runs only on PostgreSQL (the
 * embedded database is a single process and cannot be opened by two servers).
 */
export const secondAppPort: number | null = process.env.DATABASE_URL
  ? Number(process.env.E2E_SECOND_PORT ?? appPort + 1)
  : null;
