import { randomBytes } from "node:crypto";
import { serializeCookie } from "../http/cookies";
import type { HttpRequest } from "../http/request";
import { redirectReply, type Reply } from "../http/reply";
import { answerAppWithError, USER_BLOCKED } from "../login/app-response";
import { recordLoginEvent } from "../login/log-event";
import { runBrowserLogin } from "../login/run-login";
import { BROWSER_COOKIE } from "../state/login-transactions";
import { SESSION_COOKIE } from "../state/sessions";
import type { Tenant } from "../tenant";
import { parseAuthorizeRequest } from "./authorize-parameters";

/**
 * `GET /authorize`: with a tenant session (no `prompt=login`, and younger than `max_age`) the Actions run at once
 * (SSO); without one, `prompt=none` fails with `login_required` and anything else goes to the login page (the
 * sign-up page with `screen_hint=signup`).
 */
export async function authorize(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const parsed = parseAuthorizeRequest(tenant, req);
  if (!parsed.ok) return answerAppWithError(parsed.request, parsed.error, parsed.description);
  const { request } = parsed;

  const session = findLiveSession(tenant, req.cookies[SESSION_COOKIE]);
  const sessionUser = session && tenant.stores.users.findById(session.userId);
  // A block applies to the next authentication, single sign-on included: the session ends, the app is told.
  if (sessionUser?.blocked) {
    tenant.sessions.delete(req.cookies[SESSION_COOKIE]);
    tenant.log(`single sign-on refused for ${sessionUser.email}: the user is blocked`);
    recordLoginEvent(tenant, req, { type: "f", description: USER_BLOCKED, clientId: request.clientId, user: sessionUser });
    return answerAppWithError(request, "unauthorized", USER_BLOCKED);
  }
  if (session && request.prompt !== "login" && !tooOld(tenant, session.authenticatedAt, request.maxAge)) {
    return runBrowserLogin(tenant, req, request, session);
  }
  if (request.prompt === "none") return answerAppWithError(request, "login_required", "Login required");

  const knownBrowser = req.cookies[BROWSER_COOKIE];
  const browserId = knownBrowser ?? randomBytes(24).toString("base64url");
  const transaction = tenant.transactions.create(request, browserId);
  const cookies = knownBrowser ? [] : [serializeCookie(BROWSER_COOKIE, browserId)];
  const page = request.screenHint === "signup" ? "/u/signup" : "/u/login";
  return redirectReply(`${page}?state=${encodeURIComponent(transaction.id)}`, cookies);
}

/** `max_age`: an authentication older than this many seconds must be done again (`max_age=0` always). */
function tooOld(tenant: Tenant, authenticatedAt: number, maxAge: number | undefined): boolean {
  return maxAge !== undefined && tenant.now() - authenticatedAt >= maxAge * 1000;
}

/** A session whose user was deleted meanwhile is no session. */
function findLiveSession(tenant: Tenant, cookieValue: string | undefined) {
  const session = tenant.sessions.find(cookieValue);
  if (session && !tenant.stores.users.findById(session.userId)) {
    tenant.sessions.delete(cookieValue);
    return undefined;
  }
  return session;
}
