import type { HttpRequest } from "../http/request";
import { htmlReply, type Reply } from "../http/reply";
import { loginPage } from "../pages/login-page";
import { MESSAGES } from "../pages/messages";
import { en } from "../pages/messages-en";
import type { LoginTransaction } from "../state/login-transactions";
import type { Tenant } from "../tenant";
import { answerAppWithError, USER_BLOCKED } from "../login/app-response";
import { recordLoginEvent } from "../login/log-event";
import { completePasswordLogin } from "./complete-authentication";
import { pageLanguageFor } from "./page-language-for";
import { requirePostedForm, requireTransaction } from "./transaction-guard";

export function showLogin(tenant: Tenant, req: HttpRequest): Reply {
  const transaction = requireTransaction(tenant, req.query.state);
  return htmlReply(200, loginPage(pageInput(tenant, transaction)));
}

export async function submitLogin(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const { fields, transaction } = await requirePostedForm(tenant, req);
  const email = (fields.username ?? fields.email ?? "").trim();
  const password = fields.password ?? "";
  const user = email && password ? await tenant.stores.users.authenticate(email, password) : undefined;
  const clientId = transaction.request.clientId;
  if (!user) {
    const known = tenant.stores.users.findByEmail(email);
    const why = known ? "wrong password" : "unknown email";
    tenant.log(`failed login for ${JSON.stringify(email)}: ${why}`);
    recordLoginEvent(tenant, req, { type: known ? "fp" : "fu", description: en.wrongCredentials, clientId, ...(known ? { user: known } : { userName: email }) });
    const input = pageInput(tenant, transaction);
    return htmlReply(400, loginPage({ ...input, email, error: MESSAGES[input.language].wrongCredentials }));
  }
  // Auth0 answers the application, not the login page, for a user an administrator blocked.
  if (user.blocked) {
    tenant.transactions.delete(transaction.id);
    tenant.log(`login refused for ${user.email}: the user is blocked`);
    recordLoginEvent(tenant, req, { type: "f", description: USER_BLOCKED, clientId, user });
    return answerAppWithError(transaction.request, "unauthorized", USER_BLOCKED);
  }
  recordLoginEvent(tenant, req, { type: "s", description: "Successful login", clientId, user });
  return completePasswordLogin(tenant, req, transaction, user);
}

/**
 * What the login and sign-up pages show for `transaction`, in the language its `ui_locales` picks; the email field
 * starts as the request's `login_hint`.
 */
export function pageInput(tenant: Tenant, transaction: LoginTransaction) {
  const { clientId, loginHint, uiLocales } = transaction.request;
  return {
    transactionId: transaction.id,
    csrfToken: transaction.csrfToken,
    applicationName: tenant.stores.clients.get(clientId)?.name ?? "the application",
    language: pageLanguageFor(tenant, uiLocales),
    ...(loginHint ? { email: loginHint } : {}),
  };
}
