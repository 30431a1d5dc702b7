import { randomBytes } from "node:crypto";
import path from "node:path";
import { envFileValues, readEnvFile } from "../auth0-tenant/sync/env-file";

/** The tenant the bench's tokens claim to come from: the hot path needs its host name only, never the tenant itself. */
export const BENCH_TENANT_ORIGIN = "http://localhost:4000";
export const BENCH_CLIENT_ID = "bench-client";

/** Secrets generated for one run, shared by every server of that run and by the bench that forges their inputs. */
export interface BenchSecrets {
  AUTH0_CLIENT_SECRET: string;
  AUTH0_SECRET: string;
  CONSENT_COOKIE_SECRET: string;
  REDIRECT_TOKEN_SECRET: string;
}

export function generateSecrets(): BenchSecrets {
  const secret = () => randomBytes(32).toString("hex");
  return {
    AUTH0_CLIENT_SECRET: secret(),
    AUTH0_SECRET: secret(),
    CONSENT_COOKIE_SECRET: secret(),
    REDIRECT_TOKEN_SECRET: secret(),
  };
}

/** Where a server of the run records consents: the given PostgreSQL database, or an embedded one of its own. */
export type BenchLedger = { databaseUrl: string } | { embeddedDataDir: string };

/** The files `next start` loads into its environment (a production build), where a variable is not already set. */
const NEXT_PRODUCTION_ENV_FILES = [".env.production.local", ".env.local", ".env.production", ".env"];

/**
 * Every variable the developer's env files define. `next start` would add those the bench does not set (a
 * `DATABASE_URL`, a `TRUSTED_PROXY_HOPS`…) to its own environment, and the node:http server would not: the bench sets
 * them to the empty string, which Next's loader leaves alone and the configuration reads as unset.
 */
export async function envFileVariables(projectDir: string): Promise<string[]> {
  const names = new Set<string>();
  for (const file of NEXT_PRODUCTION_ENV_FILES) {
    for (const name of envFileValues(await readEnvFile(path.join(projectDir, file))).keys()) names.add(name);
  }
  return [...names];
}

/**
 * The complete environment of a hot-path server: a production build at its own loopback URL, the run's secrets,
 * and its ledger. Nothing is inherited from the bench's own environment or the developer's env files, so every
 * server of every run is configured alike.
 */
export function serverEnvironment(options: {
  appUrl: string;
  secrets: BenchSecrets;
  ledger: BenchLedger;
  /** From `envFileVariables`: pinned to "unset". */
  envFileVariables: readonly string[];
}): Record<string, string> {
  return {
    ...Object.fromEntries(options.envFileVariables.map((name) => [name, ""])),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    APP_BASE_URL: options.appUrl,
    AUTH0_DOMAIN: BENCH_TENANT_ORIGIN,
    AUTH0_CLIENT_ID: BENCH_CLIENT_ID,
    ...options.secrets,
    ...("databaseUrl" in options.ledger
      ? { DATABASE_URL: options.ledger.databaseUrl }
      : { LEDGER_EMBEDDED: "1", LEDGER_DATA_DIR: options.ledger.embeddedDataDir }),
  };
}
