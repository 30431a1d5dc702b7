import type { TransactionProtocol } from "../actions-runtime/types";
import type { HttpRequest } from "../http/request";
import type { Reply } from "../http/reply";
import { PageError } from "../errors";
import type { Tenant } from "../tenant";
import { userForActions } from "./actions-user";
import { answerAppWithError } from "./app-response";
import { authorizeActionRequest, buildLoginContext } from "./login-context";
import { settleBrowserLogin } from "./settle-login";
import type { Authentication, AuthorizeRequest } from "./types";

/**
 * Runs the post-login Actions for an authenticated browser login (fresh credentials or an SSO session) and answers.
 * `event.request` is the `/authorize` request: its query, and the hostname the browser used.
 */
export async function runBrowserLogin(
  tenant: Tenant,
  req: HttpRequest,
  request: AuthorizeRequest,
  authentication: Authentication,
): Promise<Reply> {
  const client = tenant.stores.clients.get(request.clientId);
  if (!client) throw new PageError("invalid_request", "The application was deleted during the login.", undefined, 400);
  const user = tenant.stores.users.findById(authentication.userId);
  if (!user) return answerAppWithError(request, "access_denied", "The user no longer exists.");
  const actionRequest = authorizeActionRequest(req, request, tenant.stores.geoip.lookup(req.ip));
  const context = buildLoginContext({ protocol: browserProtocol(request), client, request: actionRequest, authentication, authorize: request });
  const outcome = await tenant.trigger.run(userForActions(tenant, user), context);
  return settleBrowserLogin(tenant, { request, authentication, outcome, who: user.email });
}

/** `event.transaction.protocol` of a browser login: Auth0's OIDC profile for the response type. */
function browserProtocol(request: AuthorizeRequest): TransactionProtocol {
  const { code, idToken, accessToken } = request.responseType;
  if (!idToken && !accessToken) return "oidc-basic-profile";
  return code ? "oidc-hybrid-profile" : "oidc-implicit-profile";
}
