import { DatabaseUnavailableError } from "./errors";

/**
 * Waits for `work` at most `timeoutMs`. The work is not cancelled (the database may still commit it): callers make
 * a retry safe (the ledger's retry of the same answer finds the row instead of writing a second one).
 *
 * @example
 * await withinDeadline(3000, database.query("SELECT 1"));
 * @throws {DatabaseUnavailableError} when the time is up.
 */
export async function withinDeadline<T>(timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`The database did not answer within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
