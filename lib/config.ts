import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads the environment. Every variable is validated here; `.env.example` documents each one.
 *
 * With no `AUTH0_DOMAIN`, the app talks to the local tenant (`http://localhost:4000`), which `npm run dev` starts.
 */

export const LOCAL_TENANT_DOMAIN = "http://localhost:4000";
const MIN_SECRET_BYTES = 32;

const secret = (purpose: string) =>
  z
    .string({ error: `is required (${purpose})` })
    .refine((value) => Buffer.byteLength(value, "utf8") >= MIN_SECRET_BYTES, {
      error: (issue) =>
        `must be at least ${MIN_SECRET_BYTES} bytes (got ${Buffer.byteLength(String(issue.input), "utf8")}); ` +
        `generate one with: openssl rand -hex 32`,
    });

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: "must be an absolute http(s) URL, e.g. https://app.example.com",
  });

/** `tenant.eu.auth0.com`, `https://tenant.eu.auth0.com`, or the local tenant `http://localhost:PORT`. */
const auth0Domain = z
  .string()
  .transform((value) => (value.includes("://") ? value : `https://${value}`))
  .refine((value) => URL.canParse(value), { error: "must be a host name such as tenant.eu.auth0.com" })
  .transform((value) => new URL(value))
  .refine((url) => url.pathname === "/" && !url.search && !url.hash && !url.username, {
    error: "must be a bare host name, without path or query",
  })
  .refine((url) => url.protocol === "https:" || url.hostname === "localhost", {
    error: "must use https (plain http is only accepted for the local tenant at http://localhost:PORT)",
  })
  .transform((url) => url.origin);

const postgresUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol), {
    error: "must be a postgres:// URL, e.g. postgres://user:password@db.example.com:5432/product",
  });

const integer = (range: { min: number; max: number; example: string }) =>
  z
    .string()
    .regex(/^[0-9]+$/, { error: `must be a whole number, e.g. ${range.example}` })
    .transform(Number)
    .refine((value) => value >= range.min && value <= range.max, { error: `must be between ${range.min} and ${range.max}` });

/** Where the embedded ledger keeps its files when `LEDGER_DATA_DIR` is unset (git-ignored). */
export const DEFAULT_LEDGER_DATA_DIR = path.join(".data", "ledger");
/** `LEDGER_DATA_DIR` value for a ledger kept in memory only (tests). */
export const IN_MEMORY_LEDGER = "memory://";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    VERCEL: z.string().optional(),
    APP_BASE_URL: httpUrl.optional(),
    AUTH0_DOMAIN: auth0Domain.optional(),
    AUTH0_CLIENT_ID: z.string({ error: "is required: the application's client id (npm run tenant:sync writes it)" }),
    AUTH0_CLIENT_SECRET: z.string({ error: "is required: the application's client secret (npm run tenant:sync writes it)" }),
    AUTH0_SECRET: secret("encrypts the session cookie"),
    CONSENT_COOKIE_SECRET: secret("seals the consent step cookie"),
    REDIRECT_TOKEN_SECRET: secret("signs the tokens exchanged with the terms Action"),
    CLAIM_NAMESPACE: httpUrl
      .refine((value) => value.endsWith("/"), { error: "must end with a slash, e.g. https://product-xyz.example/" })
      .default("https://product-xyz.example/"),
    DATABASE_URL: postgresUrl.optional(),
    LEDGER_EMBEDDED: z.enum(["0", "1"], { error: "must be 1 (allow the embedded ledger in a production build) or 0" }).optional(),
    LEDGER_DATA_DIR: z.string().optional(),
    LEDGER_TIMEOUT_MS: integer({ min: 100, max: 60_000, example: "3000" }).default(3000),
    TRUSTED_PROXY_HOPS: integer({ min: 0, max: 10, example: "1" }).optional(),
    API_AUDIENCE: z
      .string()
      .max(600, { error: "must be at most 600 characters" })
      .default("https://api.product-xyz.example"),
  })
  .transform((env, ctx) => {
    const production = env.NODE_ENV === "production" || Boolean(env.VERCEL);
    if (production && !env.APP_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["APP_BASE_URL"], message: "is required in production (the app's public URL)" });
    }
    if (production && !env.AUTH0_DOMAIN) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH0_DOMAIN"],
        message: "is required in production (the local tenant is for development and tests only)",
      });
    }
    if (production && !env.DATABASE_URL && env.LEDGER_EMBEDDED !== "1") {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          "is required in production: the consent ledger is a legal record and must live in a real PostgreSQL database " +
          "(the embedded one writes to the local file system, which a serverless deployment loses). " +
          "For a local run or test of a production build only, set LEDGER_EMBEDDED=1",
      });
    }
    if (env.VERCEL && !env.DATABASE_URL && env.LEDGER_EMBEDDED === "1") {
      ctx.addIssue({
        code: "custom",
        path: ["LEDGER_EMBEDDED"],
        message: "cannot be used on Vercel: its file system is not kept between invocations, so records would be lost. Set DATABASE_URL",
      });
    }
    const tenantOrigin = env.AUTH0_DOMAIN ?? LOCAL_TENANT_DOMAIN;
    const appBaseUrl = new URL(env.APP_BASE_URL ?? "http://127.0.0.1:3000").origin;
    return {
      production,
      appBaseUrl,
      claimNamespace: env.CLAIM_NAMESPACE,
      tenant: {
        /** `https://tenant.eu.auth0.com` or `http://localhost:4000`. */
        origin: tenantOrigin,
        /** The host Auth0 puts in `iss` of `encodeToken` (`event.request.hostname`). */
        host: new URL(tenantOrigin).host,
        local: new URL(tenantOrigin).protocol === "http:",
        continueUrl: `${tenantOrigin}/continue`,
      },
      auth0: {
        clientId: env.AUTH0_CLIENT_ID,
        clientSecret: env.AUTH0_CLIENT_SECRET,
        secret: env.AUTH0_SECRET,
      },
      consentCookieSecret: env.CONSENT_COOKIE_SECRET,
      redirectTokenSecret: env.REDIRECT_TOKEN_SECRET,
      ledger: ledgerConfig(env),
      /** Proxies in front of the app that append to `X-Forwarded-For`; Vercel's edge is one (and overwrites the header). */
      trustedProxyHops: env.TRUSTED_PROXY_HOPS ?? (env.VERCEL ? 1 : 0),
      /** What a Bearer access token for the product API must carry. */
      accessTokens: {
        issuer: `${tenantOrigin}/`,
        audience: env.API_AUDIENCE,
        jwksUrl: `${tenantOrigin}/.well-known/jwks.json`,
        rolesClaim: `${env.CLAIM_NAMESPACE}roles`,
      },
    };
  });

export type Config = z.output<typeof schema>;

/** Where the consent ledger lives: a PostgreSQL server, or the embedded PGlite database (files, or memory in tests). */
export type LedgerConfig =
  | { backend: "postgres"; url: string; timeoutMs: number }
  | { backend: "embedded"; dataDir: string; timeoutMs: number };

function ledgerConfig(env: {
  NODE_ENV: string;
  DATABASE_URL?: string;
  LEDGER_DATA_DIR?: string;
  LEDGER_TIMEOUT_MS: number;
}): LedgerConfig {
  if (env.DATABASE_URL) return { backend: "postgres", url: env.DATABASE_URL, timeoutMs: env.LEDGER_TIMEOUT_MS };
  // Tests never write into the developer's ledger (and never fight `npm run dev` for its files).
  const dataDir = env.LEDGER_DATA_DIR ?? (env.NODE_ENV === "test" ? IN_MEMORY_LEDGER : DEFAULT_LEDGER_DATA_DIR);
  return {
    backend: "embedded",
    dataDir: dataDir === IN_MEMORY_LEDGER ? dataDir : path.resolve(dataDir),
    timeoutMs: env.LEDGER_TIMEOUT_MS,
  };
}

/** Thrown when the environment is invalid; the message names every variable at fault and what is wrong. */
export class ConfigError extends Error {
  readonly code = "ERR_CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nSee .env.example.`);
    this.name = "ConfigError";
  }
}

/**
 * Validates an environment. Empty strings count as unset, so `FOO=` in an env file behaves like no `FOO`.
 *
 * @example
 * const config = parseConfig({ AUTH0_CLIENT_ID: "id", AUTH0_CLIENT_SECRET: "s", AUTH0_SECRET: "…32 bytes…", ... });
 * config.tenant.continueUrl; // "http://localhost:4000/continue"
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  return result.data;
}

let cached: Config | undefined;

/** The validated configuration of this process, read once. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
