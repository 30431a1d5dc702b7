/**
 * The request header by which `proxy.ts` hands a route the query string exactly as the client sent it. Next rebuilds
 * a route's `request.url` from a plain object (`query[key] = value`), where a parameter named `__proto__` vanishes;
 * only the proxy, with `skipProxyUrlNormalize`, still sees the raw URL.
 */
export const RAW_QUERY_HEADER = "x-raw-query";

/**
 * The request's query parameters as the client sent them: the proxy's copy when it ran (it always sets the header,
 * so a client's own value never gets through), else the URL's (a handler called directly, as in integration tests).
 *
 * @example
 * requestQuery(request).getAll("user");
 */
export function requestQuery(request: Request): URLSearchParams {
  const raw = request.headers.get(RAW_QUERY_HEADER);
  return raw === null ? new URL(request.url).searchParams : new URLSearchParams(raw);
}
