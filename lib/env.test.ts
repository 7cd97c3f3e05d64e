import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { authTrustHost, ENV_NAMES, parseEnv } from "./env";

const SECRET = "s".repeat(44);

function problems(source: Record<string, string>, mode: "server" | "script" = "script"): string[] {
  const r = parseEnv(source, mode);
  return r.ok ? [] : r.problems;
}

describe("parseEnv", () => {
  it("accepts an empty environment (the embedded demo) and fills the defaults", () => {
    const r = parseEnv({}, "server");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.env).toMatchObject({
      PORT: 3000,
      DATABASE_POOL_MAX: 10,
      STORAGE: "local",
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: false,
      CDN_STALE_WHILE_REVALIDATE: 60,
      LOG_LEVEL: "info",
      AUTH_TRUST_HOST: true,
      SITE_LANGUAGE: "fr",
      PAGE_CACHE_MB: 64,
    });
    expect(r.env.CDN_MAX_AGE).toBeUndefined();
  });

  it("accepts a complete production configuration", () => {
    const r = parseEnv(
      {
        DATABASE_URL: "postgres://newsroom:pw@db:5432/newsroom",
        AUTH_SECRET: SECRET,
        AUTH_TRUST_HOST: "false",
        AUTH_URL: "https://news.example.org",
        STORAGE: "s3",
        S3_ENDPOINT: "http://127.0.0.1:9000",
        S3_BUCKET: "newsroom-uploads",
        S3_ACCESS_KEY_ID: "id",
        S3_SECRET_ACCESS_KEY: "secret",
        CDN_MAX_AGE: "300",
        CDN_PURGE_URL: "https://cdn.example.org/purge",
        CDN_PURGE_TOKEN: "t",
        METRICS_TOKEN: "m".repeat(32),
        LOG_LEVEL: "warn",
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        TRUST_PROXY: "10.0.0.0/8, loopback",
        PORT: "8080",
      },
      "server",
    );
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (r.ok) expect(r.env).toMatchObject({ PORT: 8080, CDN_MAX_AGE: 300, S3_FORCE_PATH_STYLE: true, AUTH_TRUST_HOST: false });
  });

  it("treats an empty value as unset", () => {
    expect(problems({ PORT: "", DATABASE_URL: " " }, "server")).toEqual([]);
  });

  it.each([
    ["PORT", "abc", 'PORT must be a whole number (got "abc")'],
    ["PORT", "70000", 'PORT must be from 0 to 65535 (got "70000")'],
    ["DATABASE_POOL_MAX", "0", 'DATABASE_POOL_MAX must be from 1 to 1000 (got "0")'],
    ["JOBS_INTERVAL_MS", "-5", 'JOBS_INTERVAL_MS must be a whole number (got "-5")'],
    ["JOBS_DISABLED", "yes", 'JOBS_DISABLED must be 1 (on) or 0 (off) (got "yes")'],
    ["PAGE_CACHE_MB", "lots", 'PAGE_CACHE_MB must be a number (got "lots")'],
    ["PAGE_RENDER_CONCURRENCY", "0", 'PAGE_RENDER_CONCURRENCY must be from 1 to 9007199254740991 (got "0")'],
    ["SITE_URL", "news.example.org", 'SITE_URL must be a http or https URL, like https://news.example.org (got "news.example.org")'],
    ["APP_URL", "ftp://x", 'APP_URL must be a http or https URL, like https://news.example.org (got "ftp://x")'],
    ["SITE_LANGUAGE", "de", 'SITE_LANGUAGE must be fr or en (got "de")'],
    ["STORAGE", "disk", 'STORAGE must be local or s3 (got "disk")'],
    ["S3_BUCKET", "Not_A_Bucket", 'S3_BUCKET must be a bucket name (3–63 lowercase letters, digits, dots, hyphens) (got "Not_A_Bucket")'],
    ["S3_FORCE_PATH_STYLE", "maybe", 'S3_FORCE_PATH_STYLE must be true or false (got "maybe")'],
    ["AUTH_TRUST_HOST", "sure", 'AUTH_TRUST_HOST must be true or false (got "sure")'],
    ["CDN_MAX_AGE", "1h", 'CDN_MAX_AGE must be a whole number (got "1h")'],
    ["CDN_STALE_WHILE_REVALIDATE", "1.5", 'CDN_STALE_WHILE_REVALIDATE must be a whole number (got "1.5")'],
    ["CDN_PURGE_URL", "purge", 'CDN_PURGE_URL must be a http or https URL, like https://news.example.org (got "purge")'],
    ["LOG_LEVEL", "verbose", 'LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent (got "verbose")'],
    ["TRUST_PROXY", "true", 'TRUST_PROXY must be a hop count (1) or comma-separated addresses/CIDRs (10.0.0.0/8, loopback) (got "true")'],
    ["TRUST_PROXY", "10.0.0.0/99", 'TRUST_PROXY must be a hop count (1) or comma-separated addresses/CIDRs (10.0.0.0/8, loopback) (got "10.0.0.0/99")'],
    ["HSTS_DISABLE", "true", 'HSTS_DISABLE must be 1 (on) or 0 (off) (got "true")'],
    ["NODE_ENV", "prod", 'NODE_ENV must be development, production or test (got "prod")'],
  ])("%s=%s → %s", (name, value, line) => {
    expect(problems({ [name]: value })).toEqual([line]);
  });

  it.each([
    ["DATABASE_URL", "mysql://db/newsroom", "DATABASE_URL must be a postgres or postgresql URL, like postgres://user:password@host:5432/newsroom"],
    ["AUTH_SECRET", "short", "AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)"],
    ["SMTP_URL", "mail.example.org", "SMTP_URL must be a smtp or smtps URL, like smtp://user:pass@host:587"],
    ["METRICS_TOKEN", "abc", "METRICS_TOKEN must be at least 16 characters (openssl rand -hex 32)"],
    ["READY_TOKEN", "abc", "READY_TOKEN must be at least 16 characters (openssl rand -hex 32)"],
    ["DEMO_PASSWORDS", "admin=short", "DEMO_PASSWORDS must be admin=…,editor=…,claire=…,yanis=… with passwords of 10 characters or more"],
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "not-base64!", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of 16, 24 or 32 bytes (openssl rand -base64 32)"],
    [
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
      Buffer.alloc(20).toString("base64"),
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of 16, 24 or 32 bytes (openssl rand -base64 32)",
    ],
  ])("%s (a secret) is named but its value never echoed", (name, value, line) => {
    const lines = problems({ [name]: value });
    expect(lines).toEqual([line]);
    expect(lines.join("\n")).not.toContain(value);
  });

  it("refuses to start the server on PostgreSQL without AUTH_SECRET; scripts (migrate, users) may run", () => {
    const source = { DATABASE_URL: "postgres://db/newsroom" };
    expect(problems(source, "server")).toEqual([
      "AUTH_SECRET is required with DATABASE_URL: set the same random secret on every instance (openssl rand -base64 32), or sessions break and sign-in fails",
    ]);
    expect(problems(source, "script")).toEqual([]);
    expect(problems({ ...source, AUTH_SECRET: SECRET }, "server")).toEqual([]);
  });

  it("names the variables missing from groups that go together", () => {
    expect(problems({ STORAGE: "s3" })).toEqual(["S3_BUCKET is required when STORAGE=s3"]);
    expect(problems({ STORAGE: "s3", S3_BUCKET: "uploads", S3_ACCESS_KEY_ID: "id" })).toEqual([
      "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together",
    ]);
    expect(problems({ AUTH_OIDC_ISSUER: "https://login.example.org" })).toEqual([
      "AUTH_OIDC_ID and AUTH_OIDC_SECRET are required for single sign-on (AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET go together)",
    ]);
    expect(problems({ AUTH_TRUST_HOST: "false" })).toEqual([
      "AUTH_URL is required when AUTH_TRUST_HOST is false: Auth.js needs the site's public address (https://news.example.org)",
    ]);
    expect(problems({ CDN_PURGE_TOKEN: "t" })).toEqual(["CDN_PURGE_URL is required when CDN_PURGE_TOKEN is set"]);
  });

  it("reports every problem at once, one line each", () => {
    const lines = problems({ PORT: "x", STORAGE: "ftp", LOG_LEVEL: "loud", DATABASE_URL: "postgres://db/n" }, "server");
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["PORT", "STORAGE", "LOG_LEVEL", "AUTH_SECRET"]);
    for (const line of lines) expect(line).not.toContain("\n");
  });

  it("S3_FORCE_PATH_STYLE defaults to true only with a custom endpoint, and can be turned off", () => {
    const base = { STORAGE: "s3", S3_BUCKET: "uploads" };
    const style = (extra: Record<string, string>) => {
      const r = parseEnv({ ...base, ...extra });
      return r.ok ? r.env.S3_FORCE_PATH_STYLE : r.problems;
    };
    expect(style({})).toBe(false);
    expect(style({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toBe(true);
    expect(style({ S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "false" })).toBe(false);
  });
});

describe("authTrustHost", () => {
  it("follows AUTH_TRUST_HOST, trusting the host when it is unset", () => {
    expect(authTrustHost({})).toBe(true);
    expect(authTrustHost({ AUTH_TRUST_HOST: "true" })).toBe(true);
    expect(authTrustHost({ AUTH_TRUST_HOST: "1" })).toBe(true);
    expect(authTrustHost({ AUTH_TRUST_HOST: "false" })).toBe(false);
    expect(authTrustHost({ AUTH_TRUST_HOST: "FALSE" })).toBe(false);
    expect(authTrustHost({ AUTH_TRUST_HOST: "0" })).toBe(false);
  });
});

describe(".env.example", () => {
  it("documents every variable the configuration checks, and only those", () => {
    const text = readFileSync(path.join(process.cwd(), ".env.example"), "utf8");
    const documented = [...text.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(ENV_NAMES.filter((n) => n !== "NODE_ENV")));
  });
});
