// DATABASE_URL is taken apart into fields so the shadow database can swap `database` safely.
import { pgClientConfig, pgConnectionFromUrl } from "../../lib/db/migrations/pg-connection";

describe("pgConnectionFromUrl", () => {
  it("splits a full URL and decodes escaped parts", () => {
    expect(pgConnectionFromUrl("postgresql://app%40x:p%2Fss@db.example.org:6543/civitas")).toEqual({
      host: "db.example.org",
      port: 6543,
      user: "app@x",
      password: "p/ss",
      database: "civitas",
    });
  });

  it("defaults port and database, accepts postgres:// and socket hosts", () => {
    expect(pgConnectionFromUrl("postgres://u@localhost")).toMatchObject({
      host: "localhost",
      port: 5432,
      database: "postgres",
    });
    expect(pgConnectionFromUrl("postgresql://u@/db?host=/var/run/postgresql")).toMatchObject({
      host: "/var/run/postgresql",
      database: "db",
    });
  });

  it("maps sslmode", () => {
    expect(pgConnectionFromUrl("postgresql://u@h/db?sslmode=require").ssl).toBe(true);
    expect(pgConnectionFromUrl("postgresql://u@h/db?sslmode=no-verify").ssl).toEqual({ rejectUnauthorized: false });
    expect(pgConnectionFromUrl("postgresql://u@h/db?sslmode=disable").ssl).toBeUndefined();
  });

  it("rejects what is not a PostgreSQL URL, without echoing it (it may hold a password)", () => {
    expect(() => pgConnectionFromUrl("mysql://u:secret@h/db")).toThrow(/must start with postgresql:\/\//);
    expect(() => pgConnectionFromUrl("not a url secret")).toThrow(/not a valid URL/);
    expect(() => pgConnectionFromUrl("not a url secret")).not.toThrow(/secret/);
  });
});

describe("pgClientConfig", () => {
  it("can point the same server at another database", () => {
    const fields = pgConnectionFromUrl("postgresql://u:p@h:5433/main");
    expect(pgClientConfig(fields, "civitas_shadow_1")).toMatchObject({
      host: "h",
      port: 5433,
      user: "u",
      password: "p",
      database: "civitas_shadow_1",
    });
    expect(pgClientConfig(fields)).not.toHaveProperty("connectionString");
  });
});
