import { isCorsOrigin } from "../oidc/client-origins";
import type { HttpRequest } from "./request";
import type { Reply } from "./reply";
import type { Route } from "./router";

/** auth0-spa-js sends `Auth0-Client` (which forces a preflight) and a JSON body; `/userinfo` takes a Bearer token. */
const ALLOWED_HEADERS = "Auth0-Client, Content-Type, Authorization";

/**
 * The answer to a preflight `OPTIONS`. It comes before any body, so the client (and its origins) is not known yet:
 * every origin may send the request, and the request's own answer carries `Access-Control-Allow-Origin` only for an
 * origin its client allows, so a browser elsewhere never reads it.
 */
export function preflightReply(route: Route, req: HttpRequest): Reply {
  const origin = req.headers.origin;
  return {
    status: 204,
    headers: {
      "cache-control": "no-store",
      allow: [...route.methods, "OPTIONS"].join(", "),
      ...(origin
        ? {
            "access-control-allow-origin": route.cors === "public" ? "*" : origin,
            "access-control-allow-methods": route.methods.join(", "),
            "access-control-allow-headers": ALLOWED_HEADERS,
            "access-control-max-age": "86400",
            vary: "Origin",
          }
        : {}),
    },
  };
}

/**
 * A route's answer (success or error) with the CORS headers its policy grants this request: the one place they are
 * set. A `client` route's answer is readable by its identified client's origins (`isCorsOrigin`) and no other.
 */
export function withCorsHeaders(route: Route, req: HttpRequest, reply: Reply): Reply {
  const origin = req.headers.origin;
  if (route.cors === "public") {
    return origin ? { ...reply, headers: { ...reply.headers, "access-control-allow-origin": "*" } } : reply;
  }
  if (route.cors !== "client") return reply;
  const readable = origin !== undefined && req.corsClient !== undefined && isCorsOrigin(req.corsClient, origin);
  const allowed: Record<string, string> = readable ? { "access-control-allow-origin": origin } : {};
  return { ...reply, headers: { ...reply.headers, ...allowed, vary: "Origin" } };
}
