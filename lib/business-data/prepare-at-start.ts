import { processBusinessData } from "./process-users-api";

/**
 * Opens and migrates the business-data database at server start. Best effort: a database that is down now, or a
 * configuration that is incomplete, is reported and retried at the first request instead of stopping the server.
 *
 * @example
 * await prepareBusinessData(); // in instrumentation.ts's register()
 */
export async function prepareBusinessData(): Promise<void> {
  try {
    await processBusinessData().prepare();
  } catch (error) {
    console.warn(`[business-data] not prepared at start (the first request retries): ${error instanceof Error ? error.message : String(error)}`);
  }
}
