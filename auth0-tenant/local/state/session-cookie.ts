import { deleteCookie, serializeCookie } from "../http/cookies";
import type { HttpRequest } from "../http/request";
import { SESSION_COOKIE } from "./sessions";

/**
 * The tenant session's `Set-Cookie`. Over TLS it is `SameSite=None; Secure`, as Auth0 sets its `auth0` session
 * cookie, so that silent authentication (`prompt=none` in a hidden iframe of the app's site) finds the session; over
 * plain http it stays `SameSite=Lax`, since browsers reject `SameSite=None` without `Secure`.
 */
export function sessionCookie(req: Pick<HttpRequest, "tls">, cookieValue: string): string {
  return serializeCookie(SESSION_COOKIE, cookieValue, { crossSite: req.tls });
}

/** Ends the session's cookie, with the attributes it was set with (a cross-site answer may delete it too). */
export function endedSessionCookie(req: Pick<HttpRequest, "tls">): string {
  return deleteCookie(SESSION_COOKIE, { crossSite: req.tls });
}
