import path from "node:path";
import { z } from "zod";
import { CLAIMS, namespacedClaim } from "../../contract/claims";
import { PRODUCT_API } from "../../contract/product-api";
import { DEFAULT_LOCAL_TENANT_PORT } from "./sync";
import { auth0Domain, claimNamespace, defaultAppBaseUrl, httpUrl, integer, parseEnvironment, port, secret } from "./fields";

/**
 * The app's environment. Every variable is validated here; `.env.example` documents each one.
 *
 * With no `AUTH0_DOMAIN`, the app talks to the local tenant (`http://localhost:4000`), which `npm run dev` starts.
 */

export const LOCAL_TENANT_DOMAIN = `http://localhost:${DEFAULT_LOCAL_TENANT_PORT}`;

const postgresUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol), {
    error: "must be a postgres:// URL, e.g. postgres://user:password@db.example.com:5432/product",
  });

/** Where the embedded ledger keeps its files when `LEDGER_DATA_DIR` is unset (git-ignored). */
export const DEFAULT_LEDGER_DATA_DIR = path.join(".data", "ledger");
/** `LEDGER_DATA_DIR` value for a ledger kept in memory only (tests). */
export const IN_MEMORY_LEDGER = "memory://";

/**
 * New ledger records per user per window. A person writes one record per sign-in that reaches the terms step: an
 * acceptance ends the asking for that version, and a decline repeats only as fast as they sign in again. 10 an
 * hour is far above that, and caps what one account can add at 240 rows a day (a script wrote 100 in 2 s).
 */
export const DEFAULT_RATE_LIMIT = { records: 10, windowSeconds: 3600 } as const;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    VERCEL: z.string().optional(),
    APP_BASE_URL: httpUrl.optional(),
    PORT: port.optional(),
    AUTH0_DOMAIN: auth0Domain.optional(),
    AUTH0_CLIENT_ID: z.string({ error: "is required: the application's client id (npm run tenant:sync writes it)" }),
    AUTH0_CLIENT_SECRET: z.string({ error: "is required: the application's client secret (npm run tenant:sync writes it)" }),
    AUTH0_SECRET: secret("encrypts the session cookie"),
    CONSENT_COOKIE_SECRET: secret("seals the consent step cookie"),
    REDIRECT_TOKEN_SECRET: secret("signs the tokens exchanged with the terms Action"),
    CLAIM_NAMESPACE: claimNamespace,
    DATABASE_URL: postgresUrl.optional(),
    LEDGER_EMBEDDED: z.enum(["0", "1"], { error: "must be 1 (allow the embedded ledger in a production build) or 0" }).optional(),
    LEDGER_DATA_DIR: z.string().optional(),
    LEDGER_TIMEOUT_MS: integer({ min: 100, max: 60_000, example: "3000" }).default(3000),
    LEDGER_RATE_LIMIT_RECORDS: integer({ min: 1, max: 10_000, example: "10" }).default(DEFAULT_RATE_LIMIT.records),
    LEDGER_RATE_LIMIT_WINDOW_SECONDS: integer({ min: 1, max: 7 * 86_400, example: "3600" }).default(DEFAULT_RATE_LIMIT.windowSeconds),
    TRUSTED_PROXY_HOPS: integer({ min: 0, max: 10, example: "1" }).optional(),
    USERS_API_CLIENT_IDS: z
      .string()
      .regex(/^[A-Za-z0-9_-]+( *, *[A-Za-z0-9_-]+)*$/, { error: "must be client ids separated by commas, e.g. abc123,def456" })
      .optional(),
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
    const tenantOrigin = env.AUTH0_DOMAIN?.origin ?? LOCAL_TENANT_DOMAIN;
    const appBaseUrl = new URL(env.APP_BASE_URL ?? defaultAppBaseUrl(env.PORT)).origin;
    return {
      production,
      appBaseUrl,
      claimNamespace: env.CLAIM_NAMESPACE,
      tenant: {
        /** `https://tenant.eu.auth0.com` or `http://localhost:4000`. */
        origin: tenantOrigin,
        /** The host Auth0 puts in `iss` of `encodeToken` (`event.request.hostname`). */
        host: new URL(tenantOrigin).host,
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
        audience: PRODUCT_API.identifier,
        jwksUrl: `${tenantOrigin}/.well-known/jwks.json`,
        rolesClaim: namespacedClaim(env.CLAIM_NAMESPACE, CLAIMS.roles),
      },
      /** Who may call `/api/users/{email}`: these machine clients, or (unset) any the tenant grants `read:users`. */
      usersApi: { allowedClients: env.USERS_API_CLIENT_IDS?.split(",").map((id) => id.trim()) ?? null },
    };
  });

export type Config = z.output<typeof schema>;

/** The variables the app reads. */
export const APP_VARIABLES = Object.keys(schema.in.shape);

/** Where the consent ledger lives: a PostgreSQL server, or the embedded PGlite database (files, or memory in tests). */
export type LedgerConfig = (
  | { backend: "postgres"; url: string; timeoutMs: number }
  | { backend: "embedded"; dataDir: string; timeoutMs: number }
) & {
  /** At most `records` new records per user in any `windowSeconds`, counted in the database (so across instances). */
  rateLimit: { records: number; windowSeconds: number };
};

function ledgerConfig(env: {
  NODE_ENV: string;
  DATABASE_URL?: string;
  LEDGER_DATA_DIR?: string;
  LEDGER_TIMEOUT_MS: number;
  LEDGER_RATE_LIMIT_RECORDS: number;
  LEDGER_RATE_LIMIT_WINDOW_SECONDS: number;
}): LedgerConfig {
  const rateLimit = { records: env.LEDGER_RATE_LIMIT_RECORDS, windowSeconds: env.LEDGER_RATE_LIMIT_WINDOW_SECONDS };
  if (env.DATABASE_URL) return { backend: "postgres", url: env.DATABASE_URL, timeoutMs: env.LEDGER_TIMEOUT_MS, rateLimit };
  // Tests never write into the developer's ledger (and never fight `npm run dev` for its files).
  const dataDir = env.LEDGER_DATA_DIR ?? (env.NODE_ENV === "test" ? IN_MEMORY_LEDGER : DEFAULT_LEDGER_DATA_DIR);
  return {
    backend: "embedded",
    dataDir: dataDir === IN_MEMORY_LEDGER ? dataDir : path.resolve(dataDir),
    timeoutMs: env.LEDGER_TIMEOUT_MS,
    rateLimit,
  };
}

/**
 * Validates the app's environment. Empty strings count as unset, so `FOO=` in an env file behaves like no `FOO`.
 *
 * @example
 * const config = parseConfig({ AUTH0_CLIENT_ID: "id", AUTH0_CLIENT_SECRET: "s", AUTH0_SECRET: "…32 bytes…", ... });
 * config.tenant.continueUrl; // "http://localhost:4000/continue"
 * @throws {ConfigError} naming every variable at fault.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseEnvironment(schema, env);
}
