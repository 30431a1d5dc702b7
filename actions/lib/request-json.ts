import { UpstreamError } from "./upstream-error";

/**
 * What an Action gives the services it calls, all calls together (token and API): the whole trigger has 20 s, and
 * a claim that is only nice to have must not spend them waiting for a service that is down.
 */
export const UPSTREAM_DEADLINE_MS = 3_000;

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or `undefined` when it is empty or not JSON. */
  body: unknown;
}

/**
 * `fetch` within the caller's deadline (`signal`, from `AbortSignal.timeout`), with the body read and parsed as JSON.
 * Every status is returned: what a 404 means is the caller's business. A network failure or the deadline becomes
 * an `UpstreamError`.
 *
 * @example
 * const response = await requestJson("the Management API", url, { headers, signal: AbortSignal.timeout(3000) });
 * if (response.status !== 200) throw statusError("the Management API", response);
 */
export async function requestJson(service: string, url: string, init: RequestInit & { signal: AbortSignal }): Promise<JsonResponse> {
  try {
    // None of the services redirects; following one would hand the Bearer token to wherever it points.
    const response = await fetch(url, { ...init, redirect: "error" });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  } catch (error) {
    if (init.signal.aborted) throw new UpstreamError("ERR_UPSTREAM_TIMEOUT", `${service} did not answer in time`, { cause: error });
    throw new UpstreamError("ERR_UPSTREAM_UNREACHABLE", `${service} could not be reached`, { cause: error });
  }
}

/**
 * The error for an answer the caller cannot use: 429 (with when to try again, if said), 401, or any other status,
 * with the OAuth or Management API error code of the body when there is one.
 *
 * @example
 * throw statusError("the token endpoint", { status: 401, headers, body: { error: "access_denied" } });
 * // UpstreamError ERR_UPSTREAM_UNAUTHORIZED: "the token endpoint answered 401 (access_denied)"
 */
export function statusError(service: string, response: JsonResponse): UpstreamError {
  const detail = errorCodeOf(response.body);
  const answered = `${service} answered ${response.status}${detail ? ` (${detail})` : ""}`;
  if (response.status === 429) {
    const reset = response.headers.get("x-ratelimit-reset") ?? response.headers.get("retry-after");
    return new UpstreamError("ERR_UPSTREAM_RATE_LIMITED", reset ? `${answered}, rate limited until ${reset}` : answered);
  }
  if (response.status === 401) return new UpstreamError("ERR_UPSTREAM_UNAUTHORIZED", answered);
  return new UpstreamError("ERR_UPSTREAM_STATUS", answered);
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `error` (OAuth) or `errorCode` (Management API), if it is a short token-like string: safe to log. */
function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const code = record.errorCode ?? record.error;
  return typeof code === "string" && /^[\w.:-]{1,64}$/.test(code) ? code : undefined;
}
