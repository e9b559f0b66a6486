// The one description of every setting Civitas reads from the environment. `.env.example`
// documents the same variables; tests/unit/config.test.ts keeps the two in step.
import { z } from "zod";
import { parseBlindIndexKey, parseEncryptionKeys } from "@/lib/crypto/key-format";
import { parseTrustedProxies } from "@/lib/rate-limit/trusted-proxies";
import { publicUrlProblem } from "@/lib/auth/public-url-check";
import { AI_FEATURES, type AiFeature } from "@/lib/ai/features";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
/** An optional string that `parse` must accept; its error message becomes the variable's. */
const parsedBy = (parse: (value: string) => unknown) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        if (v === undefined) return;
        try {
          parse(v);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: (err as Error).message });
        }
      }),
  );
const flagValue = z.enum(["1", "0", "true", "false"], { message: 'expected "1", "0", "true" or "false"' }).optional();
/** "1"/"true" → true, "0"/"false" → false, unset → false. */
const booleanFlag = z.preprocess(emptyAsUndefined, flagValue).transform((v) => v === "1" || v === "true");
/** Like booleanFlag, but unset stays undefined so the caller can pick a context-dependent default. */
const optionalFlag = z
  .preprocess(emptyAsUndefined, flagValue)
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

/** An optional URL with one of `protocols` and a host; `example` shows the expected form. */
function serviceUrl(protocols: string[], example: string) {
  return z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => {
        try {
          const u = new URL(v);
          return protocols.includes(u.protocol) && u.hostname !== "";
        } catch {
          return false;
        }
      }, `expected a URL like ${example}`)
      .optional(),
  );
}

const postgresUrl = serviceUrl(["postgres:", "postgresql:"], "postgresql://user:password@host:5432/database");
const redisUrl = serviceUrl(["redis:", "rediss:"], "redis://:password@host:6379/0 (or rediss:// for TLS)");
const smtpUrl = serviceUrl(["smtp:", "smtps:"], "smtps://user:password@smtp.example.org:465");
const httpsUrl = z.preprocess(
  emptyAsUndefined,
  z.string().url("expected an absolute URL such as https://accounts.example.org").optional(),
);

// --- AI provider (lib/config/ai.ts) ---
const modelName = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/, "expected a model name such as claude-haiku-4-5")
    .optional(),
);
const anthropicBaseUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .superRefine((v, ctx) => {
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        ctx.addIssue({ code: "custom", message: "expected a URL like https://api.anthropic.com" });
        return;
      }
      if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "")
        ctx.addIssue({ code: "custom", message: "expected an http(s) URL like https://api.anthropic.com" });
      else if (/\/v1\/?$/.test(url.pathname))
        ctx.addIssue({
          code: "custom",
          message:
            "must not end in /v1: the SDK adds /v1/messages itself, so requests would go to /v1/v1/messages (use e.g. http://127.0.0.1:4010)",
        });
    })
    .optional(),
);
/** AI_MODEL_<FEATURE> for every feature of lib/ai/features.ts: that feature's model (default AI_MODEL_DEFAULT). */
export type AiModelVariable = `AI_MODEL_${Uppercase<AiFeature>}`;
export const aiModelVariable = (feature: AiFeature) => `AI_MODEL_${feature.toUpperCase()}` as AiModelVariable;
const featureModels = Object.fromEntries(AI_FEATURES.map((f) => [aiModelVariable(f), modelName])) as Record<
  AiModelVariable,
  typeof modelName
>;

function aiConfigProblems(
  c: { NODE_ENV: string; ANTHROPIC_BASE_URL?: string; AI_DEMO: boolean; AI_DEMO_ALLOW_PRODUCTION: boolean },
  ctx: z.RefinementCtx,
): void {
  if (c.AI_DEMO && !c.ANTHROPIC_BASE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["ANTHROPIC_BASE_URL"],
      message:
        "is required when AI_DEMO=1: the demo model is the local wire server (start it with npm run dev:demo-ai)",
    });
  if (c.AI_DEMO && c.NODE_ENV === "production" && !c.AI_DEMO_ALLOW_PRODUCTION)
    ctx.addIssue({
      code: "custom",
      path: ["AI_DEMO"],
      message:
        "is refused when NODE_ENV=production: the demo model answers with made-up text (set AI_DEMO_ALLOW_PRODUCTION=1 for a demo deployment)",
    });
}
// --- end AI provider ---

export const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** PostgreSQL for the running app. Unset: the embedded PGlite database under PGLITE_DATA_DIR. */
    DATABASE_URL: postgresUrl,
    /** Role the app switches to on every connection: neither superuser nor BYPASSRLS, so RLS applies. */
    DATABASE_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "expected a lower-case PostgreSQL role name")
      .default("civitas_app"),
    DATABASE_POOL_SIZE: z.coerce
      .number({ error: "expected a whole number" })
      .int("expected a whole number")
      .min(1, "expected at least 1")
      .max(200, "expected at most 200")
      .default(10),
    PGLITE_DATA_DIR: z.string().min(1).default("./.data/pglite"),
    /**
     * Applies pending migrations to DATABASE_URL when a server starts (as the URL's user, which
     * must own the schema). Default: on outside production, where a deploy step migrates.
     */
    DATABASE_MIGRATE_ON_START: optionalFlag,
    /** Seeds the demo tenant on the first start of an empty database. */
    SEED_DEMO_ON_FIRST_START: booleanFlag.default(true),
    /** Redis for rate limits (shared by every instance). Unset: rate limits live in PostgreSQL. */
    REDIS_URL: redisUrl,
    /** Secret for session tokens. Required in production; generated and kept under .data/ otherwise. */
    AUTH_SECRET: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, "expected at least 32 characters (run: openssl rand -base64 32)").optional(),
    ),
    AUTH_URL: z.preprocess(
      emptyAsUndefined,
      z.string().url("expected an absolute URL such as https://civitas.example.org").optional(),
    ),
    /** OAuth sign-in: each provider is offered when its id and secret are both set. */
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    /** Any OpenID Connect provider (Keycloak, Entra ID, Okta…): issuer URL, client id and secret. */
    AUTH_OIDC_ISSUER: httpsUrl,
    AUTH_OIDC_ID: optionalString,
    AUTH_OIDC_SECRET: optionalString,
    AUTH_OIDC_NAME: optionalString.default("Single sign-on"),
    /** Outgoing email. Unset: emails go to /dev/mailbox when enabled, else are dropped (see EMAIL_DROP_ALLOWED). */
    SMTP_URL: smtpUrl,
    EMAIL_FROM: optionalString.default("Civitas <no-reply@civitas.localhost>"),
    /** The development mailbox at /dev/mailbox. Default: on in development, off otherwise. */
    DEV_MAILBOX: optionalFlag,
    /** Production without SMTP_URL (and without the dev mailbox) starts only when this says emails may be dropped. */
    EMAIL_DROP_ALLOWED: booleanFlag.default(false),
    /** Public base URL used in emailed links. Default: AUTH_URL, else the request's own origin. */
    APP_URL: z.preprocess(
      emptyAsUndefined,
      z.string().url("expected an absolute URL such as https://civitas.example.org").optional(),
    ),
    /** PII encryption keys "<id>:<base64 32 bytes>,…", the first one encrypts (lib/crypto/keyring.ts). */
    ENCRYPTION_KEYS: parsedBy(parseEncryptionKeys),
    /** Key of the blind indexes (HMAC) for exact look-ups of encrypted fields: base64 32 bytes. */
    BLIND_INDEX_KEY: parsedBy(parseBlindIndexKey),
    /** Proxies whose X-Forwarded-For is believed: a hop count ("1") or CIDRs. Unset: the socket address only. */
    TRUSTED_PROXIES: parsedBy(parseTrustedProxies),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Shows the demo login on the sign-in page even in production builds (demo deployments, e2e). */
    CIVITAS_DEMO_HINT: booleanFlag.default(false),
    APP_NAME: optionalString.default("Civitas"),
    // --- AI provider (lib/config/ai.ts) ---
    /** Anthropic API key. Unset (and not AI_DEMO): every AI surface says "AI is not configured". */
    ANTHROPIC_API_KEY: optionalString,
    /** Another Messages API endpoint (a proxy, the offline demo model). Without the /v1: the SDK adds it. */
    ANTHROPIC_BASE_URL: anthropicBaseUrl,
    AI_MODEL_DEFAULT: modelName.default("claude-haiku-4-5"),
    ...featureModels,
    AI_TIMEOUT_MS: z.coerce
      .number({ error: "expected a whole number of milliseconds" })
      .int("expected a whole number of milliseconds")
      .min(1_000, "expected at least 1000 (1 s)")
      .max(600_000, "expected at most 600000 (10 minutes)")
      .default(60_000),
    AI_MAX_RETRIES: z.coerce
      .number({ error: "expected a whole number" })
      .int("expected a whole number")
      .min(0, "expected at least 0")
      .max(10, "expected at most 10")
      .default(3),
    /** The offline demo model: deterministic replies from the local wire server at ANTHROPIC_BASE_URL. */
    AI_DEMO: booleanFlag.default(false),
    AI_DEMO_ALLOW_PRODUCTION: booleanFlag.default(false),
    // --- end AI provider ---
    // --- billing (lib/billing/stripe-client.ts) ---
    /** Stripe secret key. Unset: the billing pages say billing is not configured; everything else works. */
    STRIPE_SECRET_KEY: optionalString,
    /** Signing secret of the webhook endpoint (whsec_…); without it every webhook is refused. */
    STRIPE_WEBHOOK_SECRET: optionalString,
    /** Another Stripe API endpoint (the local test server), e.g. http://127.0.0.1:4035. */
    STRIPE_API_BASE: serviceUrl(["http:", "https:"], "http://127.0.0.1:4035"),
    // --- end billing ---
    // --- background jobs (lib/jobs) ---
    /** Runs the job worker inside this app process; "off" for web-only instances (then run `npm run worker`). */
    JOBS_WORKER: z.enum(["on", "off"]).default("on"),
    /**
     * How often a worker polls a queue while LISTEN/NOTIFY is active, in seconds. pg-boss's own
     * default (30 s) delays retries and batch inserts, which wake no worker, by up to 30 s.
     */
    JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  })
  .superRefine((c, ctx) => {
    aiConfigProblems(c, ctx);
    if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set: without it no payment would ever be applied",
      });
    for (const [id, secret] of [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
      ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
    ] as const) {
      if (!!c[id] !== !!c[secret])
        ctx.addIssue({
          code: "custom",
          path: [c[id] ? secret : id],
          message: `must be set together with ${c[id] ? id : secret}`,
        });
    }
    if (c.AUTH_OIDC_ID && !c.AUTH_OIDC_ISSUER)
      ctx.addIssue({ code: "custom", path: ["AUTH_OIDC_ISSUER"], message: "is required when AUTH_OIDC_ID is set" });
    if (c.NODE_ENV === "production" && !c.APP_URL && !c.AUTH_URL) {
      // Emailed links (password reset!) would otherwise be built from the request's Host
      // header, which whoever sends the request controls.
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "is required when NODE_ENV=production (or set AUTH_URL): the public URL used in emailed links",
      });
    }
    const publicUrl = publicUrlProblem(c);
    if (publicUrl) ctx.addIssue({ code: "custom", path: ["AUTH_URL"], message: publicUrl });
    if (c.NODE_ENV === "production") {
      for (const key of ["ENCRYPTION_KEYS", "BLIND_INDEX_KEY"] as const) {
        if (!c[key])
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required when NODE_ENV=production (see .env.example)",
          });
      }
    }
    if (c.NODE_ENV === "production" && !c.SMTP_URL && !c.DEV_MAILBOX && !c.EMAIL_DROP_ALLOWED) {
      // Password resets, verifications and invitations would vanish without a word.
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message:
          "is required when NODE_ENV=production (or set EMAIL_DROP_ALLOWED=1 to run without outgoing email: emails are then dropped)",
      });
    }
    if (c.NODE_ENV === "production" && !c.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required when NODE_ENV=production (run: openssl rand -base64 32)",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;
