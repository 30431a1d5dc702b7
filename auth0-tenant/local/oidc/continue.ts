import { PageError } from "../errors";
import { bodyFields, type HttpRequest } from "../http/request";
import type { Reply } from "../http/reply";
import { userForActions } from "../login/actions-user";
import { answerAppWithError } from "../login/app-response";
import { toActionRequest } from "../login/login-context";
import { LOST_SESSION_MESSAGE } from "../login/messages";
import { settleBrowserLogin } from "../login/settle-login";
import type { SuspendedLogin } from "../login/types";
import type { Tenant } from "../tenant";

/**
 * `GET|POST /continue`: resumes the login an Action suspended. The state is single-use and expires after an hour;
 * a refusal is Auth0's page text plus the precise reason. No cookie is needed: the app's form POST is cross-site.
 */
export async function continueLogin(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const body = req.method === "POST" ? bodyFields(await req.body()) : {};
  const login = takeSuspendedLogin(tenant, body.state ?? req.query.state);
  const { request, authentication, pipeline } = login;
  const user = tenant.stores.users.findById(authentication.userId);
  if (!user) return answerAppWithError(request, "access_denied", "The user was deleted while the login was suspended.");
  const actionRequest = toActionRequest(req, req.query, body, tenant.stores.geoip.lookup(req.ip));
  const outcome = await tenant.trigger.resume(pipeline, userForActions(tenant, user), actionRequest);
  return settleBrowserLogin(tenant, { request, authentication, outcome, who: user.email });
}

function takeSuspendedLogin(tenant: Tenant, state: string | undefined): SuspendedLogin {
  if (!state) throw refusal("missing: the request has no state parameter (neither in the POST body nor in the query)");
  const taken = tenant.continueStates.take(state);
  switch (taken.status) {
    case "ok":
      return taken.value;
    case "unknown":
      throw refusal("unknown: no suspended login has this state (it was never issued, or the tenant restarted)");
    case "expired":
      throw refusal(`expired: this login was suspended more than one hour ago (expired at ${iso(taken.expiredAt)})`);
    case "used":
      throw refusal(`already used: this state was consumed by an earlier /continue at ${iso(taken.usedAt)}`);
  }
}

function refusal(reason: string): PageError {
  return new PageError("invalid_request", LOST_SESSION_MESSAGE, reason, 400);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
