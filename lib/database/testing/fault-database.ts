import type { Database } from "../database";
import { DatabaseUnavailableError } from "../errors";

export type FaultMode = "up" | "down" | "hang";

/**
 * A database whose every statement can be made to fail as unreachable (`down`) or never answer (`hang`), around a
 * real one: a store's timeout and its handler's 503 are exercised on either backend.
 */
export function faultyDatabase(inner: Database): Database & { mode: FaultMode } {
  const gate = async () => {
    if (faulty.mode === "down") throw new DatabaseUnavailableError("The database is unreachable (fault injected).");
    if (faulty.mode === "hang") await new Promise<never>(() => undefined);
  };
  const faulty: Database & { mode: FaultMode } = {
    mode: "up",
    backend: inner.backend,
    async query(sql, params) {
      await gate();
      return inner.query(sql, params);
    },
    async transaction(work) {
      await gate();
      return inner.transaction(work);
    },
    close: () => inner.close(),
  };
  return faulty;
}
