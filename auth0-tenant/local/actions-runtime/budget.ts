import { Script, createContext } from "node:vm";
import { ActionTimeoutError } from "./errors";

export const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * One execution's time allowance (before a redirect, or after a resume). Real time: a faked `now` must not stop it.
 * It reads the global `performance` and `setTimeout`, so that tests can run it on a fake clock.
 */
export interface Budget {
  readonly timeoutMs: number;
  readonly deadline: number;
}

export function startBudget(timeoutMs: number = DEFAULT_TIMEOUT_MS): Budget {
  return { timeoutMs, deadline: performance.now() + timeoutMs };
}

// vm's `timeout` only guards code run by a Script, so the synchronous part of each call goes through this
// trampoline. The watchdog terminates the whole isolate's JavaScript, including the host-realm function it calls.
const trampolineContext = createContext({ thunk: undefined as (() => unknown) | undefined });
const trampoline = new Script("thunk()");

function isVmTimeout(error: unknown): boolean {
  // The timeout error comes from the trampoline's realm, so `instanceof Error` is false: check its code.
  return typeof error === "object" && error !== null && "code" in error && error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
}

function runSynchronously<T>(run: () => T, timeoutMs: number): T {
  trampolineContext.thunk = run;
  try {
    return trampoline.runInContext(trampolineContext, { timeout: timeoutMs }) as T;
  } finally {
    trampolineContext.thunk = undefined;
  }
}

/**
 * Runs `start` against what is left of the budget: its synchronous part under vm's watchdog, the promise it returns
 * against a timer. A promise still pending after an `await` cannot be interrupted, only abandoned: a synchronous
 * endless loop after the first `await` would block the process (Auth0 kills the sandbox; we cannot in-process).
 */
export async function runWithinBudget<T>(budget: Budget, actionName: string, start: () => Promise<T>): Promise<T> {
  const timeout = () => new ActionTimeoutError(actionName, budget.timeoutMs);
  const remaining = Math.floor(budget.deadline - performance.now());
  if (remaining <= 0) throw timeout();

  let pending: Promise<T>;
  try {
    pending = runSynchronously(start, remaining);
  } catch (error) {
    throw isVmTimeout(error) ? timeout() : error;
  }
  // If the timer wins, the abandoned promise may still reject later; that must not surface as an unhandled rejection.
  pending.catch(() => undefined);

  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), Math.max(0, budget.deadline - performance.now()));
  });
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
  }
}
