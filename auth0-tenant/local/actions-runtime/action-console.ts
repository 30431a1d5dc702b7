import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
import type { RuntimeLog } from "./types";

interface LogScope {
  action: string;
  log: RuntimeLog;
}

type Level = Parameters<RuntimeLog>[0]["level"];

// A module instance (and so its `console`) outlives one execution and may serve concurrent logins, so the current
// execution's log is found through async context, as Auth0's runner does, not through a mutable field.
const currentScope = new AsyncLocalStorage<LogScope>();

export function withActionLog<T>(scope: LogScope, run: () => T): T {
  return currentScope.run(scope, run);
}

/** The `console` an Action module receives: log/info/warn/error/debug go to the execution's log; the rest is Node's. */
export function createActionConsole(): Console {
  const write =
    (level: Level) =>
    (...args: unknown[]): void => {
      const scope = currentScope.getStore();
      if (scope) scope.log({ action: scope.action, level, message: format(...args) });
      else console[level](...args);
    };
  const actionConsole: Console = Object.create(console);
  return Object.assign(actionConsole, {
    log: write("log"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    debug: write("log"),
  });
}
