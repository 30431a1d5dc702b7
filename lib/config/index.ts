import { z } from "zod";
import { parseConfig, type Config } from "./app";
import { parseEnvironment } from "./fields";
import { parseSyncConfig, type SyncConfig } from "./sync";

/**
 * The one module that reads the environment: every variable is validated with zod (`app.ts` for the app,
 * `sync.ts` for `npm run tenant:sync` and `npm run dev`), and `process.env` is read here and nowhere else.
 */
export * from "./app";
export * from "./sync";
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

const testSchema = z.object({
  DATABASE_URL: z.string().optional(),
});

/** The PostgreSQL server the tests also run against when set (`.ci/run` sets it); `undefined` otherwise. */
export function testDatabaseUrl(): string | undefined {
  return parseEnvironment(testSchema, process.env, "test environment").DATABASE_URL;
}
