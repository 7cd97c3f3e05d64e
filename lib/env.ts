import { z } from "zod";

import { parseTrustProxy } from "@/server/client-address.mjs";

/*
 * Every environment variable the app and its scripts read, checked once at start. A bad value
 * stops the process with one line naming the variable, instead of surfacing later as a 500 on
 * the first sign-in or a silent fallback. `.env.example` documents the same list.
 *
 * An empty value (`FOO=` in a .env file) counts as unset. Secrets are never echoed back.
 */

export type EnvMode = "server" | "script";

const SECRETS = new Set([
  "DATABASE_URL",
  "AUTH_SECRET",
  "AUTH_OIDC_SECRET",
  "SMTP_URL",
  "DEMO_PASSWORDS",
  "READY_TOKEN",
  "METRICS_TOKEN",
  "S3_SECRET_ACCESS_KEY",
  "CDN_PURGE_TOKEN",
  "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
  "TEST_PG_URL",
]);

const text = z.string();
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be from ${min} to ${max}`);
const decimal = (min: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a number")
    .transform(Number)
    .refine((n) => n >= min, `must be at least ${min}`);
const flag = z.enum(["0", "1"], { message: "must be 1 (on) or 0 (off)" }).transform((v) => v === "1");
const bool = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.enum(["true", "false", "1", "0"], { message: "must be true or false" }))
  .transform((v) => v === "true" || v === "1");
const url = (protocols: string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.map((p) => p.replace(":", "")).join(" or ")} URL, like ${example}`,
  );
const webUrl = url(["http:", "https:"], "https://news.example.org");
const token = z.string().min(16, "must be at least 16 characters (openssl rand -hex 32)");
const aesKey = z.string().refine((v) => {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return false;
  return [16, 24, 32].includes(Buffer.from(v, "base64").length);
}, "must be base64 of 16, 24 or 32 bytes (openssl rand -base64 32)");
const trustProxy = z.string().refine((v) => {
  try {
    parseTrustProxy(v);
    return true;
  } catch {
    return false;
  }
}, "must be a hop count (1) or comma-separated addresses/CIDRs (10.0.0.0/8, loopback)");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { message: "must be development, production or test" }).optional(),
  DATABASE_URL: url(["postgres:", "postgresql:"], "postgres://user:password@host:5432/newsroom").optional(),
  DATABASE_POOL_MAX: integer(1, 1000).default(10),
  PGLITE_DIR: text.optional(),
  PORT: integer(0, 65535).default(3000),
  HOSTNAME: text.optional(),
  TRUST_PROXY: trustProxy.optional(),
  DEMO_PASSWORDS: z
    .string()
    .regex(/^\s*\w+=[^,]{10,}(\s*,\s*\w+=[^,]{10,})*\s*$/, "must be admin=…,editor=…,claire=…,yanis=… with passwords of 10 characters or more")
    .optional(),
  SEED_DEMO: flag.optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  AUTH_TRUST_HOST: bool.default(true),
  AUTH_URL: webUrl.optional(),
  SITE_URL: webUrl.optional(),
  APP_URL: webUrl.optional(),
  SITE_LANGUAGE: z.enum(["fr", "en"], { message: "must be fr or en" }).default("fr"),
  SMTP_URL: url(["smtp:", "smtps:"], "smtp://user:pass@host:587").optional(),
  MAIL_FROM: text.optional(),
  AUTH_OIDC_ISSUER: url(["https:", "http:"], "https://login.example.org/realms/newsroom").optional(),
  AUTH_OIDC_ID: text.optional(),
  AUTH_OIDC_SECRET: text.optional(),
  AUTH_OIDC_NAME: text.optional(),
  UPLOADS_DIR: text.optional(),
  STORAGE: z.enum(["local", "s3"], { message: "must be local or s3" }).default("local"),
  S3_ENDPOINT: webUrl.optional(),
  S3_REGION: text.default("us-east-1"),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name (3–63 lowercase letters, digits, dots, hyphens)")
    .optional(),
  S3_ACCESS_KEY_ID: text.optional(),
  S3_SECRET_ACCESS_KEY: text.optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  JOBS_INTERVAL_MS: integer(100).default(15_000),
  JOBS_DISABLED: flag.default(false),
  PAGE_CACHE_MB: decimal(0).default(64),
  PAGE_CACHE_TTL_SECONDS: integer(1).default(60),
  PAGE_CACHE_CHECK_MS: integer(0).default(2),
  PAGE_CACHE_MAX_ENTRIES: integer(1).default(10_000),
  // Longest a cached public page may lag a change if the LISTEN connection dies silently (0: no
  // LISTEN/NOTIFY, read the generation per request). lib/cache/generation-watch.ts.
  PAGE_CACHE_FRESHNESS_MS: integer(0, 60_000).default(500),
  // Pages rendered again ahead of readers when the generation changes (server/page-cache/prime.mjs; 0: none;
  // at most the 64 the page cache remembers across a change, entry-store.mjs).
  PAGE_CACHE_PRIME_PAGES: integer(0, 64).default(16),
  PAGE_RENDER_CONCURRENCY: integer(1).default(8),
  CDN_MAX_AGE: integer(0).optional(),
  CDN_STALE_WHILE_REVALIDATE: integer(0).default(60),
  CDN_PURGE_URL: webUrl.optional(),
  CDN_PURGE_TOKEN: text.optional(),
  // How often the job runner sends the due purges (lib/jobs/runner.ts).
  CDN_PURGE_INTERVAL_MS: integer(100).default(1_000),
  API_RATE_LIMIT: integer(1, 1_000_000).default(300),
  // Content API answers kept per public generation (lib/content-api/response-cache.ts; 0: off).
  API_CACHE_MB: decimal(0).default(8),
  WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  WEBHOOK_INTERVAL_MS: integer(100).default(2_000),
  READY_TOKEN: token.optional(),
  METRICS_TOKEN: token.optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "must be fatal, error, warn, info, debug, trace or silent" })
    .default("info"),
  HSTS_DISABLE: flag.default(false),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: aesKey.optional(),
  NEXT_DIST_DIR: text.optional(),
  E2E_TEST_HOOKS: flag.default(false),
  REDIS_URL: url(["redis:", "rediss:"], "redis://127.0.0.1:6379").optional(),
  TEST_PG_URL: url(["postgres:", "postgresql:"], "postgres://postgres@127.0.0.1:5432/postgres").optional(),
});

export type Env = z.infer<typeof schema>;
/** Every variable checked here (`.env.example` documents each but NODE_ENV, which tools set). */
export const ENV_NAMES = Object.keys(schema.shape) as (keyof Env)[];
export type EnvCheck = { ok: true; env: Env } | { ok: false; problems: string[] };

type Raw = Record<string, string | undefined>;

/** Rules that tie variables together; they read the raw values so they run even when a field is malformed. */
function crossChecks(raw: Raw, mode: EnvMode): string[] {
  const problems: string[] = [];
  const has = (name: string) => raw[name] !== undefined;
  if (mode === "server" && has("DATABASE_URL") && !has("AUTH_SECRET")) {
    problems.push(
      "AUTH_SECRET is required with DATABASE_URL: set the same random secret on every instance (openssl rand -base64 32), or sessions break and sign-in fails",
    );
  }
  if (raw.AUTH_TRUST_HOST?.toLowerCase() === "false" || raw.AUTH_TRUST_HOST === "0") {
    if (!has("AUTH_URL"))
      problems.push("AUTH_URL is required when AUTH_TRUST_HOST is false: Auth.js needs the site's public address (https://news.example.org)");
  }
  if (raw.STORAGE === "s3") {
    if (!has("S3_BUCKET")) problems.push("S3_BUCKET is required when STORAGE=s3");
    if (has("S3_ACCESS_KEY_ID") !== has("S3_SECRET_ACCESS_KEY")) problems.push("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together");
  }
  const oidc = ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"];
  if (oidc.some(has) && !oidc.every(has)) {
    problems.push(
      `${oidc.filter((n) => !has(n)).join(" and ")} ${oidc.filter((n) => !has(n)).length > 1 ? "are" : "is"} required for single sign-on (${oidc.join(", ")} go together)`,
    );
  }
  if (has("CDN_PURGE_TOKEN") && !has("CDN_PURGE_URL")) problems.push("CDN_PURGE_URL is required when CDN_PURGE_TOKEN is set");
  return problems;
}

/** Checks an environment without touching the process: one sentence per problem, each naming its variable. */
export function parseEnv(source: Raw, mode: EnvMode = "script"): EnvCheck {
  const raw: Raw = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key]?.trim();
    if (value) raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      const shown = SECRETS.has(name) ? "" : ` (got ${JSON.stringify(raw[name])})`;
      problems.push(`${name} ${issue.message}${shown}`);
    }
  }
  problems.push(...crossChecks(raw, mode));
  if (problems.length || !parsed.success) return { ok: false, problems };
  const env = parsed.data;
  env.S3_FORCE_PATH_STYLE ??= env.S3_ENDPOINT !== undefined;
  return { ok: true, env };
}

let checked: Env | undefined;

/**
 * Validates process.env once and stops the process on any problem (printed one per line). The
 * server calls it from instrumentation.ts with mode "server"; scripts call it with "script",
 * which does not ask for the server's own secrets.
 */
export function requireEnv(mode: EnvMode = "script"): Env {
  if (checked) return checked;
  const result = parseEnv(process.env, mode);
  if (result.ok) return (checked = result.env);
  for (const line of result.problems) console.error(`✖ ${line}`);
  console.error(
    `Configuration: ${result.problems.length} problem${result.problems.length > 1 ? "s" : ""} above (every variable is in .env.example). Not starting.`,
  );
  process.exit(1);
}

/** Auth.js's trustHost: AUTH_TRUST_HOST, default true (the server itself refuses malformed Host headers). */
export function authTrustHost(source: Raw = process.env): boolean {
  const v = source.AUTH_TRUST_HOST?.trim().toLowerCase();
  return !(v === "false" || v === "0");
}
