import { z } from "zod";
import { parseConfig, type Config } from "./app";
import { parseEnvironment } from "./fields";
import { parseSyncConfig, type SyncConfig } from "./sync";
import { parseDevConfig, parseLocalTenantConfig, type DevConfig, type LocalTenantListenConfig } from "./dev";

/**
 * The one module that reads the environment: every variable is validated with zod (`app.ts` for the app,
 * `sync.ts` for `npm run tenant:sync` and `npm run dev`, `dev.ts` for where `npm run dev` and `npm run tenant:local`
 * listen, the tests' own below), and `process.env` is read here and nowhere else. `.env.example` lists every one.
 */
export * from "./app";
export * from "./sync";
export * from "./dev";
export { ConfigError } from "./fields";

let cached: Config | undefined;

/** The app's validated configuration, read once per process. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** The tools' validated configuration; call it after loading the env files (`@next/env`). */
export function getSyncConfig(): SyncConfig {
  return parseSyncConfig(process.env);
}

/** This process's environment plus `extra`, for a child process (e.g. `next dev` trusting an https local tenant). */
export function environmentWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** `npm run dev`'s own configuration (where the servers listen); call it after loading the env files. */
export function getDevConfig(): DevConfig {
  return parseDevConfig(process.env);
}

/** `npm run tenant:local`'s defaults, from the variables `npm run dev` reads; call it after loading the env files. */
export function getLocalTenantConfig(): LocalTenantListenConfig {
  return parseLocalTenantConfig(process.env);
}

const testSchema = z.object({
  DATABASE_URL: z.string().optional(),
  CHROMIUM_PATH: z.string().optional(),
});

/** The variables only the tests read. */
export const TEST_VARIABLES = Object.keys(testSchema.shape);

/** The PostgreSQL server the tests also run against when set (`.ci/run` sets it); `undefined` otherwise. */
export function testDatabaseUrl(): string | undefined {
  return parseEnvironment(testSchema, process.env, "test environment").DATABASE_URL;
}

/** The browser the browser tests drive when set (`CHROMIUM_PATH`); `undefined`: look in the usual places. */
export function testChromiumPath(): string | undefined {
  return parseEnvironment(testSchema, process.env, "test environment").CHROMIUM_PATH;
}
