import { getConfig, type Config } from "../config";
import { accessTokenOptionsFrom } from "../api-auth/verify-access-token";
import { openBusinessDataStore, type BusinessDataStore } from "./business-data-store";
import { openAppDatabase } from "./app-database";
import { createUsersApi } from "./users-api";

// On globalThis, as the ledger does: Next.js may load this module once per route bundle; one database per process.
const KEY = Symbol.for("product-xyz.business-data");
const holder = globalThis as { [KEY]?: BusinessDataStore };

/**
 * The business data of this process, opened from its configuration on first use.
 *
 * @example
 * await processBusinessData().prepare(); // at server start (instrumentation.ts)
 */
export function processBusinessData(config: Config = getConfig()): BusinessDataStore {
  holder[KEY] ??= openBusinessDataStore({ open: () => openAppDatabase(config.ledger), timeoutMs: config.ledger.timeoutMs });
  return holder[KEY];
}

let handler: ((request: Request) => Promise<Response>) | undefined;

/**
 * `GET /api/users/{email}` of this process: its database, and the tenant's keys for its product API.
 *
 * @example
 * export const GET = (request: Request) => usersApi(request);
 */
export function usersApi(request: Request): Promise<Response> {
  const config = getConfig();
  handler ??= createUsersApi({
    store: processBusinessData(config),
    accessTokens: accessTokenOptionsFrom(config),
    allowedClients: config.usersApi.allowedClients,
  });
  return handler(request);
}
