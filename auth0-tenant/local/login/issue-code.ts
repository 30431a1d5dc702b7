import { type Reply } from "../http/reply";
import { authorizationResponse } from "../oidc/authorization-response";
import { carriesTokens } from "../oidc/response-type";
import type { Tenant } from "../tenant";
import { answerApp } from "./app-response";
import type { CompletedLogin } from "./types";

/** The end of every successful browser login: a single-use code and/or tokens, as `response_type` asked, sent to the app. */
export async function issueCode(tenant: Tenant, login: CompletedLogin, who: string, how = "authorization code issued"): Promise<Reply> {
  const response = await authorizationResponse(tenant, login);
  const tokens = carriesTokens(login.request.responseType) ? ` (answer: ${Object.keys(response).join(", ")})` : "";
  tenant.log(`login of ${who} to client ${login.request.clientId} completed: ${how}${tokens}`);
  return answerApp(login.request, response);
}
