import { processBusinessData } from "./business-data/process-users-api";
import { processLedger } from "./ledger/process-ledger";

/**
 * Opens and migrates the app's databases at server start, so that the seconds a new embedded database takes never
 * fall on a login (the business-data API answers an Action that waits at most 3 s; the ledger is written before
 * every answer). Best effort: a database that is down now, or an incomplete configuration, is reported here and
 * retried at the first request that needs it instead of stopping the server.
 *
 * @example
 * await prepareAtStart(); // in instrumentation.ts's register()
 */
export async function prepareAtStart(): Promise<void> {
  const databases = { "consent ledger": () => processLedger().prepare(), "business data": () => processBusinessData().prepare() };
  await Promise.all(
    Object.entries(databases).map(async ([name, prepare]) => {
      try {
        await prepare();
      } catch (error) {
        console.warn(`[${name}] not prepared at start (the first request retries): ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}
