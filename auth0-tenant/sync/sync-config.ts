import { z } from "zod";
import { claimsEnvShape } from "../../lib/config-claims";
import { SyncError } from "./errors";

/**
 * The environment of `npm run tenant:sync`, validated. Kept apart from `lib/config.ts` for now (to be merged into
 * the one config module): the sync needs other variables (Management API credentials) and must run before the
 * app's secrets exist, since it creates them.
 *
 * Target: a real tenant when `AUTH0_DOMAIN` names one, with `AUTH0_MANAGEMENT_CLIENT_ID` and
 * `AUTH0_MANAGEMENT_CLIENT_SECRET` (a machine-to-machine application authorized for the Auth0 Management API).
 * Otherwise (no `AUTH0_DOMAIN`, or `AUTH0_DOMAIN=http://localhost:PORT`) the running local tenant, whose
 * credentials are in its data folder and whose Management API is reached over HTTPS on `LOCAL_TENANT_TLS_PORT`.
 */

export const DEFAULT_APP_BASE_URL = "http://127.0.0.1:3000";
export const DEFAULT_CLAIM_NAMESPACE = "https://product-xyz.example/";
export const DEFAULT_LOCAL_TENANT_DATA_DIR = ".data/local-tenant";
export const DEFAULT_LOCAL_TENANT_TLS_PORT = 4443;
const MIN_SECRET_BYTES = 32;

/** The app secrets the sync generates into `.env.local` when they do not exist yet. */
export const APP_SECRET_NAMES = ["AUTH0_SECRET", "CONSENT_COOKIE_SECRET", "REDIRECT_TOKEN_SECRET"] as const;
export type AppSecretName = (typeof APP_SECRET_NAMES)[number];

export type SyncTargetConfig =
  | {
      kind: "local";
      /** Relative paths are relative to the project directory. */
      dataDir: string;
      tlsPort: number;
    }
  | {
      kind: "auth0";
      /** Host name only, e.g. `tenant.eu.auth0.com`: the `auth0` SDK adds `https://` and `/api/v2`. */
      domain: string;
      clientId: string;
      clientSecret: string;
    };

export interface SyncConfig {
  target: SyncTargetConfig;
  appBaseUrl: string;
  claimNamespace: string;
  /** The app secrets already set (in the environment or an env file); the missing ones get generated. */
  appSecrets: Partial<Record<AppSecretName, string>>;
  /** Claims whose failure denies the login (`GROUPS_REQUIRED`, `BUSINESS_DATA_REQUIRED`; see lib/config-claims.ts). */
  requiredClaims: { groups: boolean; businessData: boolean };
}

const secret = z.string().refine((value) => Buffer.byteLength(value, "utf8") >= MIN_SECRET_BYTES, {
  error: `must be at least ${MIN_SECRET_BYTES} bytes; remove it to have one generated, or: openssl rand -hex 32`,
});

const httpUrl = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
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
  });

const schema = z
  .object({
    AUTH0_DOMAIN: auth0Domain.optional(),
    AUTH0_MANAGEMENT_CLIENT_ID: z.string().optional(),
    AUTH0_MANAGEMENT_CLIENT_SECRET: z.string().optional(),
    LOCAL_TENANT_DATA_DIR: z.string().default(DEFAULT_LOCAL_TENANT_DATA_DIR),
    LOCAL_TENANT_TLS_PORT: z.coerce
      .number({ error: "must be a port number" })
      .int({ error: "must be a port number" })
      .min(1, { error: "must be a port number" })
      .max(65535, { error: "must be a port number" })
      .default(DEFAULT_LOCAL_TENANT_TLS_PORT),
    APP_BASE_URL: httpUrl.default(DEFAULT_APP_BASE_URL),
    CLAIM_NAMESPACE: httpUrl
      .refine((value) => value.endsWith("/"), { error: "must end with a slash, e.g. https://product-xyz.example/" })
      .default(DEFAULT_CLAIM_NAMESPACE),
    AUTH0_SECRET: secret.optional(),
    CONSENT_COOKIE_SECRET: secret.optional(),
    REDIRECT_TOKEN_SECRET: secret.optional(),
    ...claimsEnvShape,
  })
  .transform((env, ctx): SyncConfig => {
    const appSecrets = Object.fromEntries(
      APP_SECRET_NAMES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])),
    ) as SyncConfig["appSecrets"];
    const common = {
      appBaseUrl: new URL(env.APP_BASE_URL).origin,
      claimNamespace: env.CLAIM_NAMESPACE,
      appSecrets,
      requiredClaims: { groups: env.GROUPS_REQUIRED, businessData: env.BUSINESS_DATA_REQUIRED },
    };
    if (!env.AUTH0_DOMAIN || env.AUTH0_DOMAIN.hostname === "localhost") {
      return {
        ...common,
        target: { kind: "local", dataDir: env.LOCAL_TENANT_DATA_DIR, tlsPort: env.LOCAL_TENANT_TLS_PORT },
      };
    }
    for (const name of ["AUTH0_MANAGEMENT_CLIENT_ID", "AUTH0_MANAGEMENT_CLIENT_SECRET"] as const) {
      if (!env[name]) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message:
            `is required to sync ${env.AUTH0_DOMAIN.host}: ` +
            `the ${name.endsWith("_ID") ? "client id" : "client secret"} ` +
            "of a machine-to-machine application authorized for the Auth0 Management API",
        });
      }
    }
    return {
      ...common,
      target: {
        kind: "auth0",
        domain: env.AUTH0_DOMAIN.host,
        clientId: env.AUTH0_MANAGEMENT_CLIENT_ID ?? "",
        clientSecret: env.AUTH0_MANAGEMENT_CLIENT_SECRET ?? "",
      },
    };
  });

/**
 * Validates the sync's environment. Pure: the CLI hands it `process.env` (after the env files are loaded), tests a
 * literal. Empty strings count as unset. Throws a `SyncError` (`ERR_SYNC_CONFIG`) naming every variable at fault.
 */
export function parseSyncConfig(env: Record<string, string | undefined>): SyncConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  - ${issue.path.join(".") || "environment"} ${issue.message}`,
    );
    throw new SyncError("ERR_SYNC_CONFIG", `Invalid configuration for the tenant sync:\n${problems.join("\n")}`);
  }
  return result.data;
}
