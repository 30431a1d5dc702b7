import { SyncError } from "./errors";

/**
 * One Management API call with the sync's error policy: a 429 waits until `x-ratelimit-reset` and tries again, for
 * as long as its waiting budget lasts (a 429 means nothing was done, so any call may be repeated); 401 and 403 stop with a
 * message that says which credentials or which scope is missing; anything else becomes a `SyncError` that keeps the
 * HTTP status and the API's own message. The SDK's own retries are switched off (they also repeat 5xx answers to
 * POSTs, which could create an Action twice).
 */

export interface CallPolicy {
  /**
   * How long one call may wait out rate limits in all before the sync gives up. A budget rather than a number of
   * attempts: under Auth0 Free's 2 requests per second, the sync's parallel build polls lose many draws in a row.
   */
  rateLimitBudgetMs: number;
  /** Longest single wait for a rate limit, whatever the reset header says. */
  maxWaitMs: number;
  /** Added to each wait, so that calls limited together do not all come back in the same instant and collide again. */
  jitterMs: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** How to fix rejected credentials for this target, e.g. which variables to check. */
  credentialsHint: string;
  /** What to check when the tenant cannot be reached, e.g. whether the local tenant runs. */
  unreachableHint: string;
}

export type TargetHints = Pick<CallPolicy, "credentialsHint" | "unreachableHint">;

export const DEFAULT_CALL_POLICY: Omit<CallPolicy, keyof TargetHints> = {
  rateLimitBudgetMs: 300_000,
  maxWaitMs: 60_000,
  jitterMs: () => Math.random() * 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
};

/** A Management API failure: the HTTP status and the API's message, for callers that wait out known races. */
export class ManagementApiFailure extends SyncError {
  constructor(
    readonly status: number | undefined,
    readonly apiMessage: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super("ERR_SYNC_MANAGEMENT_API", message, options);
  }
}

export async function callManagementApi<T>(operation: string, call: () => Promise<T>, policy: CallPolicy): Promise<T> {
  let waitedMs = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (statusOf(error) === 429) {
        const waitMs = rateLimitWaitMs(error, attempt, policy) + policy.jitterMs();
        if (waitedMs + waitMs <= policy.rateLimitBudgetMs) {
          waitedMs += waitMs;
          await policy.sleep(waitMs);
          continue;
        }
      }
      throw toSyncError(operation, error, policy);
    }
  }
}

/** Until `x-ratelimit-reset` (unix seconds) when the answer has it, else exponential from one second; capped. */
export function rateLimitWaitMs(
  error: unknown,
  attempt: number,
  policy: Pick<CallPolicy, "maxWaitMs" | "now">,
): number {
  const reset = Number(headerOf(error, "x-ratelimit-reset"));
  const untilReset = Number.isFinite(reset) && reset > 0 ? reset * 1000 - policy.now() : Number.NaN;
  const wait = Number.isFinite(untilReset) ? Math.max(untilReset, 250) : 1000 * 2 ** (attempt - 1);
  return Math.min(wait, policy.maxWaitMs);
}

export function toSyncError(operation: string, error: unknown, policy: TargetHints): SyncError {
  if (error instanceof SyncError) return error;
  const status = statusOf(error);
  const apiMessage = apiMessageOf(error);
  if (status === 401) {
    return new SyncError(
      "ERR_SYNC_UNAUTHORIZED",
      `The Management API rejected the credentials while ${operation} (401: ${apiMessage}). ${policy.credentialsHint}`,
      { cause: error },
    );
  }
  if (status === 403) {
    const scopes = /expected (?:any|all) of:\s*(.+)$/i.exec(apiMessage)?.[1]?.trim();
    const fix = scopes
      ? `The management client lacks the scope ${scopes}: grant it in the Auth0 dashboard (Applications → APIs → ` +
        "Auth0 Management API → Machine To Machine Applications) and run the sync again."
      : "Authorize the management client for the Auth0 Management API (Applications → APIs → Auth0 Management API → " +
        "Machine To Machine Applications) with the scopes listed in auth0-tenant/sync/README.md.";
    return new SyncError("ERR_SYNC_FORBIDDEN", `The Management API refused ${operation} (403: ${apiMessage}). ${fix}`, {
      cause: error,
    });
  }
  if (status === 429) {
    return new SyncError(
      "ERR_SYNC_RATE_LIMITED",
      `Still rate limited after waiting the sync's budget out while ${operation}; try again later.`,
      { cause: error },
    );
  }
  const network = networkCodeOf(error);
  if (status === undefined && network) {
    // Auth0's certificates are publicly trusted: one that is not is a proxy's, or a stand-in tenant's.
    const untrusted = /CERT|ERR_TLS_/.test(network)
      ? " Node does not trust the tenant's TLS certificate: give it the CA that signed it with NODE_EXTRA_CA_CERTS=<file.pem>" +
        " (for the local tenant, the certificate npm run tenant:local prints)."
      : "";
    return new SyncError(
      "ERR_SYNC_UNREACHABLE",
      `Cannot reach the tenant while ${operation} (${network}).${untrusted} ${policy.unreachableHint}`,
      { cause: error },
    );
  }
  return new ManagementApiFailure(
    status,
    apiMessage,
    `The Management API failed while ${operation}${status ? ` (${status})` : ""}: ${apiMessage}`,
    { cause: error },
  );
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

function headerOf(error: unknown, name: string): string | null {
  const headers = (error as { rawResponse?: { headers?: { get?: (name: string) => string | null } } } | undefined)
    ?.rawResponse?.headers;
  return typeof headers?.get === "function" ? headers.get(name) : null;
}

/** Auth0 answers `{message}` from the Management API and `{error, error_description}` from the token endpoint. */
function apiMessageOf(error: unknown): string {
  const body = (error as { body?: unknown } | undefined)?.body;
  if (body && typeof body === "object") {
    const fields = body as Record<string, unknown>;
    for (const field of ["message", "error_description", "error"]) {
      if (typeof fields[field] === "string") return fields[field];
    }
  }
  if (typeof body === "string" && body) return body.slice(0, 300);
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
}

/**
 * Why the request never got an answer: the system error code in the cause chain (ECONNREFUSED, a TLS verification
 * code, …), or the innermost message under fetch's "fetch failed".
 */
function networkCodeOf(error: unknown): string | undefined {
  let fetchFailed = false;
  let innermost: string | undefined;
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && /^(E[A-Z]+|[A-Z_]*CERT[A-Z_]*|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+)$/.test(code)) {
      return code;
    }
    if (current instanceof TypeError && message === "fetch failed") fetchFailed = true;
    if (typeof message === "string") innermost = message;
    current = cause;
  }
  return fetchFailed ? innermost : undefined;
}
