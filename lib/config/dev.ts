import { z } from "zod";
import { auth0Domain, DEFAULT_APP_PORT, defaultAppBaseUrl, httpUrl, parseEnvironment, port } from "./fields";
import { DEFAULT_LOCAL_TENANT_DATA_DIR, DEFAULT_LOCAL_TENANT_PORT, DEFAULT_LOCAL_TENANT_TLS_PORT } from "./sync";

/**
 * The environment of `npm run dev` and `npm run tenant:local`: where each server listens. `APP_BASE_URL` is the
 * app's public URL (a tunnel's, a deployment's), so it never says which address to listen on: the app always
 * listens on loopback, on `PORT`, else `APP_BASE_URL`'s explicit port, else 3000.
 */

/** The app's address; the local tenant is on `localhost`, a different host, since browsers share cookies across ports. */
export const APP_LISTEN_HOST = "127.0.0.1";

export interface LocalTenantListenConfig {
  /** From `AUTH0_DOMAIN=http://localhost:PORT` (or `localhost:PORT`, https), else 4000; 443 under a public host. */
  port: number;
  tlsPort: number;
  /** `AUTH0_DOMAIN=localhost:PORT` or a public host: the tenant's https mode, everything on `port` (`tlsPort` unused). */
  https: boolean;
  /** Relative paths are relative to the project directory. */
  dataDir: string;
  /**
   * `npm run tenant:local` only: `AUTH0_DOMAIN=HOST` with a host other than localhost, the host name the https tenant
   * answers for on 443, standing in for a real tenant (something outside maps the name to 127.0.0.1, e.g. /etc/hosts).
   */
  publicHost?: string;
}

/** Where a tenant under a public host name listens unless told otherwise: https's own port, as Auth0's. */
export const PUBLIC_HOST_PORT = 443;

export interface DevConfig {
  app: {
    host: string;
    port: number;
    /** The variable to change when the port is taken. */
    portVariable: "PORT" | "APP_BASE_URL";
    publicUrl: string;
  };
  tenant:
    | ({ kind: "local" } & LocalTenantListenConfig)
    | {
        kind: "auth0";
        /** Host name only, e.g. `tenant.eu.auth0.com`. */
        domain: string;
        /** Both Management API credentials are set, so a dry run of the sync can compare the tenant with the repository. */
        canCheckSync: boolean;
      };
}

const localTenantFields = {
  AUTH0_DOMAIN: auth0Domain.optional(),
  LOCAL_TENANT_DATA_DIR: z.string().default(DEFAULT_LOCAL_TENANT_DATA_DIR),
  LOCAL_TENANT_TLS_PORT: port.default(DEFAULT_LOCAL_TENANT_TLS_PORT),
};

/** The local tenant of `npm run dev`: no `AUTH0_DOMAIN`, or one on localhost. */
function localTenantOf(env: { AUTH0_DOMAIN?: URL; LOCAL_TENANT_DATA_DIR: string; LOCAL_TENANT_TLS_PORT: number }): LocalTenantListenConfig {
  const local = env.AUTH0_DOMAIN?.hostname === "localhost" ? env.AUTH0_DOMAIN : undefined;
  return {
    port: Number(local?.port || DEFAULT_LOCAL_TENANT_PORT),
    tlsPort: env.LOCAL_TENANT_TLS_PORT,
    dataDir: env.LOCAL_TENANT_DATA_DIR,
    https: local?.protocol === "https:",
  };
}

const schema = z
  .object({
    ...localTenantFields,
    PORT: port.optional(),
    APP_BASE_URL: httpUrl.optional(),
    AUTH0_MANAGEMENT_CLIENT_ID: z.string().optional(),
    AUTH0_MANAGEMENT_CLIENT_SECRET: z.string().optional(),
  })
  .transform((env): DevConfig => {
    const baseUrl = new URL(env.APP_BASE_URL ?? defaultAppBaseUrl(env.PORT));
    const app = {
      host: APP_LISTEN_HOST,
      port: env.PORT ?? (Number(baseUrl.port) || DEFAULT_APP_PORT),
      portVariable: env.PORT === undefined && env.APP_BASE_URL && baseUrl.port ? ("APP_BASE_URL" as const) : ("PORT" as const),
      publicUrl: baseUrl.origin,
    };
    if (!env.AUTH0_DOMAIN || env.AUTH0_DOMAIN.hostname === "localhost") {
      return { app, tenant: { kind: "local", ...localTenantOf(env) } };
    }
    return {
      app,
      tenant: {
        kind: "auth0",
        domain: env.AUTH0_DOMAIN.host,
        canCheckSync: Boolean(env.AUTH0_MANAGEMENT_CLIENT_ID && env.AUTH0_MANAGEMENT_CLIENT_SECRET),
      },
    };
  });

/** The variables `npm run dev` and `npm run tenant:local` read besides the app's and the sync's. */
export const DEV_VARIABLES = Object.keys(schema.in.shape);

/**
 * Validates the environment of `npm run dev`. Pure; empty strings count as unset.
 *
 * @throws {ConfigError} naming every variable at fault.
 */
export function parseDevConfig(env: Record<string, string | undefined>): DevConfig {
  return parseEnvironment(schema, env, "configuration for npm run dev");
}

/**
 * Where `npm run tenant:local` listens, from the variables `npm run dev` reads (its flags override them). A real
 * `AUTH0_DOMAIN` (a host other than localhost) makes it stand in for that tenant: https, issuer `https://HOST/`, on
 * 443, so that the README's real-tenant steps can be walked on one machine with the same `.env.local`.
 */
export function parseLocalTenantConfig(env: Record<string, string | undefined>): LocalTenantListenConfig {
  const schema = z.object(localTenantFields).transform((fields, ctx): LocalTenantListenConfig => {
    const domain = fields.AUTH0_DOMAIN;
    if (!domain || domain.hostname === "localhost") return localTenantOf(fields);
    if (domain.port) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH0_DOMAIN"],
        message: `names ${domain.host}: the local tenant answers for a host name on 443 only, as Auth0 does; leave the port out (--port sets where it listens)`,
      });
    }
    return { port: PUBLIC_HOST_PORT, tlsPort: fields.LOCAL_TENANT_TLS_PORT, dataDir: fields.LOCAL_TENANT_DATA_DIR, https: true, publicHost: domain.hostname };
  });
  return parseEnvironment(schema, env, "configuration for npm run tenant:local");
}
