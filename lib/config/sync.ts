import { z } from "zod";
import { auth0Domain, claimNamespace, defaultAppBaseUrl, httpUrl, parseEnvironment, port, secret } from "./fields";

/**
 * The environment of `npm run tenant:sync` and `npm run dev`, validated. Apart from the app's: the sync needs other
 * variables (Management API credentials) and runs before the app's secrets exist, since it creates them.
 *
 * Target: a real tenant when `AUTH0_DOMAIN` names one, with `AUTH0_MANAGEMENT_CLIENT_ID` and
 * `AUTH0_MANAGEMENT_CLIENT_SECRET` (a machine-to-machine application authorized for the Auth0 Management API).
 * Otherwise (no `AUTH0_DOMAIN`, or `AUTH0_DOMAIN=http://localhost:PORT`) the running local tenant, whose
 * credentials are in its data folder and whose Management API is reached over HTTPS on `LOCAL_TENANT_TLS_PORT`;
 * with `AUTH0_DOMAIN=localhost:PORT` (a bare host, as for Auth0) the local tenant in https mode, all on PORT.
 */

export const DEFAULT_LOCAL_TENANT_PORT = 4000;
export const DEFAULT_LOCAL_TENANT_DATA_DIR = ".data/local-tenant";
export const DEFAULT_LOCAL_TENANT_TLS_PORT = 4443;

/** The app secrets the sync generates into `.env.local` when they do not exist yet. */
export const APP_SECRET_NAMES = ["AUTH0_SECRET", "CONSENT_COOKIE_SECRET", "REDIRECT_TOKEN_SECRET"] as const;
export type AppSecretName = (typeof APP_SECRET_NAMES)[number];

export type SyncTargetConfig =
  | {
      kind: "local";
      /** The local tenant's HTTP port: the one of `AUTH0_DOMAIN=http://localhost:PORT`, else 4000. */
      port: number;
      /** Relative paths are relative to the project directory. */
      dataDir: string;
      tlsPort: number;
      /** `AUTH0_DOMAIN=localhost:PORT` (https): the tenant's https mode, Management API on `port` (`tlsPort` unused). */
      https: boolean;
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
  /** Claims whose failure denies the login (`GROUPS_REQUIRED`, `BUSINESS_DATA_REQUIRED`). */
  requiredClaims: { groups: boolean; businessData: boolean };
}

/** `false` (the default): when the API behind a claim fails, the login goes on without it (logged); `true`: denied. */
const requiredFlag = (claim: string) =>
  z
    .enum(["true", "false"], { error: `must be true or false (deny logins when the ${claim} cannot be read)` })
    .default("false")
    .transform((value) => value === "true");

const schema = z
  .object({
    AUTH0_DOMAIN: auth0Domain.optional(),
    AUTH0_MANAGEMENT_CLIENT_ID: z.string().optional(),
    AUTH0_MANAGEMENT_CLIENT_SECRET: z.string().optional(),
    LOCAL_TENANT_DATA_DIR: z.string().default(DEFAULT_LOCAL_TENANT_DATA_DIR),
    LOCAL_TENANT_TLS_PORT: port.default(DEFAULT_LOCAL_TENANT_TLS_PORT),
    APP_BASE_URL: httpUrl.optional(),
    PORT: port.optional(),
    CLAIM_NAMESPACE: claimNamespace,
    AUTH0_SECRET: secret().optional(),
    CONSENT_COOKIE_SECRET: secret().optional(),
    REDIRECT_TOKEN_SECRET: secret().optional(),
    GROUPS_REQUIRED: requiredFlag("groups claim"),
    BUSINESS_DATA_REQUIRED: requiredFlag("business-data claims"),
  })
  .transform((env, ctx): SyncConfig => {
    const appSecrets = Object.fromEntries(
      APP_SECRET_NAMES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])),
    ) as SyncConfig["appSecrets"];
    const common = {
      appBaseUrl: new URL(env.APP_BASE_URL ?? defaultAppBaseUrl(env.PORT)).origin,
      claimNamespace: env.CLAIM_NAMESPACE,
      appSecrets,
      requiredClaims: { groups: env.GROUPS_REQUIRED, businessData: env.BUSINESS_DATA_REQUIRED },
    };
    if (!env.AUTH0_DOMAIN || env.AUTH0_DOMAIN.hostname === "localhost") {
      return {
        ...common,
        target: {
          kind: "local",
          port: Number(env.AUTH0_DOMAIN?.port || DEFAULT_LOCAL_TENANT_PORT),
          dataDir: env.LOCAL_TENANT_DATA_DIR,
          tlsPort: env.LOCAL_TENANT_TLS_PORT,
          https: env.AUTH0_DOMAIN?.protocol === "https:",
        },
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

/** The variables the sync reads. */
export const SYNC_VARIABLES = Object.keys(schema.in.shape);

/**
 * Validates the sync's environment. Pure: `getSyncConfig()` hands it `process.env` (after the env files are
 * loaded), tests a literal. Empty strings count as unset.
 *
 * @throws {ConfigError} naming every variable at fault.
 */
export function parseSyncConfig(env: Record<string, string | undefined>): SyncConfig {
  return parseEnvironment(schema, env, "configuration for the tenant sync");
}
