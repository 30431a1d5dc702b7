import { NextResponse } from "next/server";

/** Set by `NextResponse.next()`: the proxy lets the request through to the page. */
const PASS_THROUGH_HEADER = "x-middleware-next";

/**
 * `response` (the SDK's), the page seeing `headers` as its request's. A response that lets the request through can
 * change the request's headers only when made with them (`NextResponse.next({ request })`), so its own headers (a
 * rolled session's cookie, its cache-control) are copied onto a new one. Any other response (a redirect, the SDK's
 * own routes) is the answer itself, and is returned as it is.
 */
export function withRequestHeaders(response: Response, headers: Headers): Response {
  if (response.headers.get(PASS_THROUGH_HEADER) !== "1") return response;
  const next = NextResponse.next({ request: { headers } });
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") next.headers.append(name, value);
    else if (!name.startsWith("x-middleware-")) next.headers.set(name, value);
  }
  return next;
}
