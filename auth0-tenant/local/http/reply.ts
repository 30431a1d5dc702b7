import type { ServerResponse } from "node:http";
import type { SafeHtml } from "../pages/html";

/** What a handler answers; written to the socket in one place (`writeReply`). */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
}

/**
 * HTML pages load nothing from elsewhere and cannot be framed; a form_post or web_message page may run its one
 * nonce'd script, and a web_message page may be framed by the one origin it answers (silent authentication).
 */
function pageSecurityHeaders(scriptNonce?: string, frameAncestor?: string): Record<string, string> {
  const script = scriptNonce ? `; script-src 'nonce-${scriptNonce}'` : "";
  return {
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors ${frameAncestor ?? "'none'"}${script}`,
    ...(frameAncestor ? {} : { "x-frame-options": "DENY" }),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
  };
}

export function htmlReply(
  status: number,
  page: SafeHtml,
  options: { cookies?: string[]; scriptNonce?: string; frameAncestor?: string } = {},
): Reply {
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      ...pageSecurityHeaders(options.scriptNonce, options.frameAncestor),
      ...(options.cookies?.length ? { "set-cookie": options.cookies } : {}),
    },
    body: page.toString(),
  };
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
    body: JSON.stringify(value),
  };
}

export function redirectReply(location: string, cookies: string[] = []): Reply {
  return {
    status: 302,
    headers: { location, "cache-control": "no-store", ...(cookies.length ? { "set-cookie": cookies } : {}) },
  };
}

export function emptyReply(status: number): Reply {
  return { status, headers: { "cache-control": "no-store" } };
}

/** Adds cookies to a reply built elsewhere (e.g. a session cookie on the redirect that ends a login). */
export function withCookies(reply: Reply, cookies: string[]): Reply {
  if (cookies.length === 0) return reply;
  const existing = reply.headers["set-cookie"];
  const previous = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return { ...reply, headers: { ...reply.headers, "set-cookie": [...previous, ...cookies] } };
}

/** Over TLS every cookie is `Secure`, as Auth0's are: the browser then never sends it over plain http. */
export function withSecureCookies(reply: Reply): Reply {
  const cookies = reply.headers["set-cookie"];
  if (cookies === undefined) return reply;
  const secured = (Array.isArray(cookies) ? cookies : [cookies]).map((cookie) => (/;\s*Secure(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`));
  return { ...reply, headers: { ...reply.headers, "set-cookie": secured } };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  if (reply.body !== undefined) res.setHeader("content-length", Buffer.byteLength(reply.body));
  res.end(reply.body);
}
