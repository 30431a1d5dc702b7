import { type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { answerApp } from "./app-response";
import type { CompletedLogin } from "./types";

/** The end of every successful browser login: a single-use authorization code, sent to the app. */
export function issueCode(tenant: Tenant, login: CompletedLogin, who: string, how = "authorization code issued"): Reply {
  const code = tenant.codes.put(login);
  tenant.log(`login of ${who} to client ${login.request.clientId} completed: ${how}`);
  return answerApp(login.request, { code });
}
