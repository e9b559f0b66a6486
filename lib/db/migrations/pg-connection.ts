// PostgreSQL connection settings as separate fields. node-postgres lets `connectionString`
// override `database`, so deriving "same server, other database" (the shadow database) from
// a URL only works reliably once the URL has been taken apart.
import type { ClientConfig } from "pg";

export interface PgConnectionFields {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  ssl?: boolean | { rejectUnauthorized: boolean };
}

/** Parses postgres:// / postgresql:// URLs, including `?host=/socket/dir` and `sslmode`. */
export function pgConnectionFromUrl(url: string): PgConnectionFields {
  // `postgresql://user@/db?host=/socket/dir` (empty host) is valid for libpq but not for
  // WHATWG URL; give it a placeholder host, which the `host` parameter then replaces.
  const withHost = url.replace(/^(postgres(?:ql)?:\/\/(?:[^@/?#]*@)?)(?=[/?#]|$)/, "$1localhost");
  let parsed: URL;
  try {
    parsed = new URL(withHost);
  } catch {
    // Never echo the URL: it may carry a password.
    throw new Error("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${parsed.protocol}//)`);
  }
  const params = parsed.searchParams;
  const fields: PgConnectionFields = {
    host: params.get("host") ?? (decodeURIComponent(parsed.hostname) || "localhost"),
    port: Number(parsed.port || params.get("port") || 5432),
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || "postgres",
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
  };
  if (parsed.password) fields.password = decodeURIComponent(parsed.password);
  const sslmode = params.get("sslmode");
  if (sslmode === "no-verify") fields.ssl = { rejectUnauthorized: false };
  else if (sslmode && sslmode !== "disable" && sslmode !== "prefer" && sslmode !== "allow") fields.ssl = true;
  return fields;
}

export function pgClientConfig(fields: PgConnectionFields, database: string = fields.database): ClientConfig {
  return {
    host: fields.host,
    port: fields.port,
    user: fields.user,
    password: fields.password,
    database,
    ssl: fields.ssl,
  };
}
