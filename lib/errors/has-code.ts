/**
 * Whether `error` is an error with this stable `code`. Use it instead of `instanceof` for errors that may come
 * from another module instance: Next.js compiles a shared module into several server chunks, so an error thrown
 * by an object opened in one chunk (the ledger, opened by `instrumentation.ts` and kept on `globalThis`) is not an
 * instance of the class a route imports.
 *
 * @example
 * if (hasCode<DecisionConflictError>(error, "ERR_LEDGER_DECISION_CONFLICT")) return alreadyAnsweredPage(error.recorded);
 */
export function hasCode<E extends Error & { code: string }>(error: unknown, code: E["code"]): error is E {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}

/**
 * Whether `error` carries one of `codes`, for a class whose instances carry one of several codes.
 *
 * @example
 * if (hasCodeIn<AccessTokenError>(error, ACCESS_TOKEN_ERROR_CODES)) return refuse(error);
 */
export function hasCodeIn<E extends Error & { code: string }>(error: unknown, codes: readonly E["code"][]): error is E {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && (codes as readonly string[]).includes(code);
}
