import type { PassedFactor } from "../actions-runtime/types";
import type { HttpRequest } from "../http/request";
import type { Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { userForActions } from "./actions-user";
import { answerAppWithError } from "./app-response";
import { authorizeActionRequest } from "./login-context";
import { settleBrowserLogin } from "./settle-login";
import type { SuspendedLogin } from "./types";

/**
 * The user passed the MFA step an Action asked for: the Actions bound after it run, with the factor in
 * `event.authentication.methods`, and the login is settled as after any leg. `event.request` is the login's
 * `/authorize` request again (Auth0 resumes at `/authorize/resume`): the posted code is no business of the Actions.
 */
export async function resumeAfterMfa(
  tenant: Tenant,
  req: HttpRequest,
  login: SuspendedLogin,
  passedFactor: PassedFactor,
  who: string,
): Promise<Reply> {
  const { request, authentication, pipeline } = login;
  const user = tenant.stores.users.findById(authentication.userId);
  if (!user) return answerAppWithError(request, "access_denied", "The user no longer exists.");
  tenant.log(`login of ${who} to client ${request.clientId}: one-time code accepted, the Actions resume`);
  const actionRequest = authorizeActionRequest(req, request, tenant.stores.geoip.lookup(req.ip));
  const outcome = await tenant.trigger.resume(pipeline, userForActions(tenant, user), actionRequest, passedFactor);
  return settleBrowserLogin(tenant, { request, authentication, outcome, who });
}
