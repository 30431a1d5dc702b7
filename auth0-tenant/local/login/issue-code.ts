import { type Reply } from "../http/reply";
import { authorizationResponse } from "../oidc/authorization-response";
import type { Tenant } from "../tenant";
import { answerApp } from "./app-response";
import type { CompletedLogin } from "./types";

/** The end of every successful browser login: a single-use code and/or tokens, as `response_type` asked, sent to the app. */
export async function issueCode(tenant: Tenant, login: CompletedLogin, who: string, how = "authorization code issued"): Promise<Reply> {
  const response = await authorizationResponse(tenant, login);
  const { responseType } = login.request;
  const tokens = responseType.idToken || responseType.accessToken ? ` (answer: ${Object.keys(response).join(", ")})` : "";
  tenant.log(`login of ${who} to client ${login.request.clientId} completed: ${how}${tokens}`);
  return answerApp(login.request, response);
}
