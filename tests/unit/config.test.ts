import { readFileSync } from "node:fs";
import { ConfigError, parseConfig } from "@/lib/config";
import { configSchema } from "@/lib/config/schema";

describe("configuration", () => {
  test("an empty environment gives working development defaults (embedded database)", () => {
    const c = parseConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c).toMatchObject({
      NODE_ENV: "development",
      DATABASE_APP_ROLE: "civitas_app",
      PGLITE_DATA_DIR: "./.data/pglite",
      LOG_LEVEL: "info",
      SEED_DEMO_ON_FIRST_START: true,
    });
  });

  test("a PostgreSQL URL is accepted; blank values count as unset", () => {
    expect(parseConfig({ DATABASE_URL: "postgresql://u:p@db:5432/civitas" }).DATABASE_URL).toBe(
      "postgresql://u:p@db:5432/civitas",
    );
    expect(parseConfig({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });

  test.each([
    ["DATABASE_URL", "mysql://root@localhost/db", /postgresql:\/\//],
    ["DATABASE_URL", "not a url", /postgresql:\/\//],
    ["LOG_LEVEL", "loud", /expected one of|Invalid option/i],
    ["DATABASE_POOL_SIZE", "lots", /whole number/],
    ["DATABASE_POOL_SIZE", "0", /at least 1/],
    ["DATABASE_APP_ROLE", "Robert'); DROP", /role name/],
    ["AUTH_SECRET", "short", /32 characters/],
    ["AUTH_URL", "example", /absolute URL/],
    ["SEED_DEMO_ON_FIRST_START", "yes", /"1", "0"/],
  ])("%s=%p is refused with a message naming it", (variable, value, expected) => {
    let error: unknown;
    try {
      parseConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problem = (error as ConfigError).problems.find((p) => p.variable === variable);
    expect(problem?.message).toMatch(expected);
    expect((error as ConfigError).message).toContain(variable);
  });

  const KEYS = {
    ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
    BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
  };

  test("production requires the PII keys, and checks their format", () => {
    expect(() =>
      parseConfig({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), APP_URL: "https://c.example.org" }),
    ).toThrow(/ENCRYPTION_KEYS[\s\S]*BLIND_INDEX_KEY/);
    expect(() => parseConfig({ ENCRYPTION_KEYS: "k1:short" })).toThrow(/32 bytes/);
    expect(() =>
      parseConfig({
        ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString("base64")},k1:${Buffer.alloc(32).toString("base64")}`,
      }),
    ).toThrow(/appears twice/);
    expect(() => parseConfig({ ENCRYPTION_KEYS: "no-colon" })).toThrow(/<id>:<base64 key>/);
    expect(() => parseConfig({ BLIND_INDEX_KEY: "abc" })).toThrow(/BLIND_INDEX_KEY/);
    expect(parseConfig({ ...KEYS }).ENCRYPTION_KEYS).toBe(KEYS.ENCRYPTION_KEYS);
  });

  test("production without SMTP_URL refuses to start unless dropping emails is allowed (or the dev mailbox is on)", () => {
    const prod = {
      NODE_ENV: "production",
      AUTH_SECRET: "s".repeat(32),
      APP_URL: "https://civitas.example.org",
      ...KEYS,
    };
    expect(() => parseConfig(prod)).toThrow(/SMTP_URL: is required when NODE_ENV=production[\s\S]*EMAIL_DROP_ALLOWED/);
    expect(parseConfig({ ...prod, EMAIL_DROP_ALLOWED: "1" }).EMAIL_DROP_ALLOWED).toBe(true);
    expect(parseConfig({ ...prod, DEV_MAILBOX: "1" }).DEV_MAILBOX).toBe(true);
    expect(parseConfig({ ...prod, SMTP_URL: "smtps://u:p@smtp.example.org:465" }).EMAIL_DROP_ALLOWED).toBe(false);
    expect(() => parseConfig({ ...prod, EMAIL_DROP_ALLOWED: "maybe" })).toThrow(/EMAIL_DROP_ALLOWED/);
  });

  test("production requires AUTH_SECRET", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET/);
    expect(
      parseConfig({
        NODE_ENV: "production",
        AUTH_SECRET: "s".repeat(32),
        APP_URL: "https://civitas.example.org",
        EMAIL_DROP_ALLOWED: "1",
        ...KEYS,
      }).AUTH_SECRET,
    ).toHaveLength(32);
  });

  test("production requires a public URL for emailed links (APP_URL or AUTH_URL)", () => {
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), ...KEYS })).toThrow(/APP_URL/);
    expect(
      parseConfig({
        NODE_ENV: "production",
        AUTH_SECRET: "s".repeat(32),
        AUTH_URL: "https://civitas.example.org",
        EMAIL_DROP_ALLOWED: "1",
        ...KEYS,
      }).AUTH_URL,
    ).toBe("https://civitas.example.org");
  });

  test("an OAuth provider needs its id and secret together, and OIDC an issuer", () => {
    expect(() => parseConfig({ AUTH_GITHUB_ID: "id" })).toThrow(/AUTH_GITHUB_SECRET/);
    expect(() => parseConfig({ AUTH_GOOGLE_SECRET: "s" })).toThrow(/AUTH_GOOGLE_ID/);
    expect(() => parseConfig({ AUTH_OIDC_ID: "id", AUTH_OIDC_SECRET: "s" })).toThrow(/AUTH_OIDC_ISSUER/);
    expect(() => parseConfig({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL/);
    expect(
      parseConfig({ AUTH_OIDC_ISSUER: "https://id.example.org", AUTH_OIDC_ID: "id", AUTH_OIDC_SECRET: "s" })
        .AUTH_OIDC_NAME,
    ).toBe("Single sign-on");
  });

  test("several problems are reported together", () => {
    try {
      parseConfig({ LOG_LEVEL: "loud", DATABASE_URL: "x" });
      throw new Error("should have thrown");
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.variable).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL"]);
    }
  });

  test(".env.example documents every variable of the schema, and nothing else", () => {
    const documented = readFileSync(".env.example", "utf8")
      .split("\n")
      .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
      .filter(Boolean);
    const inner = configSchema as unknown as {
      _def?: { schema?: { shape: object } };
      shape?: object;
      innerType?: () => { shape: object };
    };
    const shape =
      inner.shape ??
      inner._def?.schema?.shape ??
      (configSchema as unknown as { def: { in: { shape: object } } }).def.in.shape;
    expect(new Set(documented)).toEqual(new Set(Object.keys(shape)));
  });
});
