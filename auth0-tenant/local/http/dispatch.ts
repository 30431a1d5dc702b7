import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { OAuthError, PageError, TenantError } from "../errors";
import type { TenantLog } from "../log";
import { notEmulated } from "../management/not-emulated";
import { errorPage } from "../pages/error-page";
import { preflightReply, withCorsHeaders } from "./cors";
import { isLoopbackHost, hostHeaderNamesPublicHost } from "./loopback-host";
import { tooManyRequests, withRateLimitHeaders, type TokenBucket } from "./rate-limit";
import { htmlReply, jsonReply, withSecureCookies, writeReply, type Reply } from "./reply";
import { toHttpRequest } from "./request";
import type { RouteKind, Router } from "./router";

/**
 * Turns the router into a Node request listener; every error becomes a clear answer in the route's own format. With
 * `managementRateLimit`, every request under `/api/` (the Management API's routes and its 404s) takes a token, as
 * Auth0's global limit counts them, and its answer carries the `x-ratelimit-*` headers.
 */
export function createRequestListener(
  router: Router,
  options: { log: TenantLog; fallbackHost: string; publicHost?: string; managementRateLimit?: TokenBucket },
) {
  const { log } = options;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const request = toHttpRequest(req, options.fallbackHost);
    const kind = kindForPath(request.path);
    const verdict = kind === "management" ? options.managementRateLimit?.take() : undefined;
    const answer = async (): Promise<Reply> => {
      if (!isLoopbackHost(request.host) && !hostHeaderNamesPublicHost(request.host, options.publicHost)) {
        throw new TenantError(
          "misdirected_request",
          `The local tenant answers only for localhost, 127.0.0.1 and [::1]${options.publicHost ? ` and ${options.publicHost}` : ""}; this request was for ${request.host}.`,
          421,
        );
      }
      if (verdict?.allowed === false) throw tooManyRequests();
      const match = router.match(request.method, request.path);
      if (match.status === "preflight") return preflightReply(match.route, request);
      if (match.status === "not_found") return notFound(log, kindForPath(request.path), request.method, request.path);
      // A method the local tenant lacks on an Auth0 endpoint (POST /rules where it answers GET) is not emulated.
      if (match.status === "method_not_allowed" && notEmulated(request.method, request.path)) {
        return notFound(log, match.kind, request.method, request.path);
      }
      if (match.status === "method_not_allowed") {
        const reply = renderError(match.kind, new TenantError("method_not_allowed", "Method not allowed.", 405));
        return { ...reply, headers: { ...reply.headers, allow: [...new Set(match.allowed)].join(", ") } };
      }
      request.params = match.params;
      try {
        return withCorsHeaders(match.route, request, await match.route.handle(request));
      } catch (error) {
        logError(log, match.route.kind, request.method, request.path, error);
        return withCorsHeaders(match.route, request, renderError(match.route.kind, error));
      }
    };
    answer()
      .catch((error: unknown) => {
        logError(log, kind, request.method, request.path, error);
        return renderError(kind, error);
      })
      .then((reply) => (verdict ? withRateLimitHeaders(reply, verdict) : reply))
      .then((reply) => writeReply(res, request.tls ? withSecureCookies(reply) : reply))
      .catch((error: unknown) => log(`cannot write the response to ${request.method} ${request.path}: ${String(error)}`));
  };
}

function kindForPath(path: string): RouteKind {
  if (path.startsWith("/api/")) return "management";
  if (path.startsWith("/oauth/") || path === "/userinfo") return "oauth";
  return "page";
}

/** An Auth0 Management API endpoint the tenant does not emulate answers 501 naming it (see `notEmulated`), and logs it. */
function notFound(log: TenantLog, kind: RouteKind, method: string, path: string): Reply {
  const unemulated = notEmulated(method, path);
  if (unemulated) log(unemulated.message);
  return renderError(kind, unemulated ?? new TenantError("not_found", "Not Found", 404));
}

function renderError(kind: RouteKind, error: unknown): Reply {
  const known = error instanceof TenantError ? error : undefined;
  const status = known?.status ?? 500;
  const code = known?.wireCode ?? "server_error";
  const message = known?.message ?? "An unexpected error occurred in the local tenant; see its log.";
  switch (kind) {
    case "page":
      return htmlReply(
        status,
        errorPage({ code, message, ...(error instanceof PageError && error.reason ? { reason: error.reason } : {}) }),
      );
    case "oauth": {
      const oauthCode = error instanceof OAuthError ? code : status >= 500 ? "server_error" : "invalid_request";
      const headers: Record<string, string> = oauthCode === "invalid_token" ? { "www-authenticate": `Bearer error="invalid_token"` } : {};
      const reason = error instanceof OAuthError && error.reason ? { local_tenant_reason: error.reason } : {};
      return jsonReply(status, { error: oauthCode, error_description: message, ...reason }, headers);
    }
    case "management":
      return jsonReply(status, { statusCode: status, error: STATUS_CODES[status] ?? "Error", message, errorCode: code });
    case "json":
      return jsonReply(status, { error: code, message });
  }
}

/** Every refusal is one log line (with its precise reason); unexpected errors also log their stack. */
function logError(log: TenantLog, kind: RouteKind, method: string, path: string, error: unknown): void {
  if (!(error instanceof TenantError)) {
    log(`unexpected error on ${method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return;
  }
  if (kind === "management" && error.status === 404) return;
  const precise = error instanceof PageError || error instanceof OAuthError ? error.reason : undefined;
  const reason = precise ? ` (reason: ${precise})` : "";
  log(`${method} ${path} refused with ${error.status} ${error.wireCode}: ${error.message}${reason}`);
}
