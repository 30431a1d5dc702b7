/** What must be stopped if the bench is interrupted: the servers it started, by their pids. */
const pending = new Set<() => Promise<void>>();

/** Registers a stop function run on Ctrl-C or SIGTERM; returns its removal. */
export function onShutdown(stop: () => Promise<void>): () => void {
  pending.add(stop);
  return () => void pending.delete(stop);
}

/** Ctrl-C and SIGTERM stop everything registered, then exit. */
export function stopOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers…`);
      void Promise.allSettled([...pending].map((stop) => stop())).then(() => process.exit(130));
    });
  }
}
