import { bodyFields, type HttpRequest } from "../http/request";
import { htmlReply, type Reply } from "../http/reply";
import { loginPage } from "../pages/login-page";
import type { Tenant } from "../tenant";
import { completePasswordLogin } from "./complete-authentication";
import { requireFormBinding, requireTransaction } from "./transaction-guard";

/** The same message for an unknown email and a wrong password, so the page does not reveal who has an account. */
const WRONG_CREDENTIALS = "Wrong email or password.";

export function showLogin(tenant: Tenant, req: HttpRequest): Reply {
  const transaction = requireTransaction(tenant, req.query.state);
  return htmlReply(200, loginPage(pageInput(tenant, transaction.id, transaction.csrfToken, transaction.request.clientId)));
}

export async function submitLogin(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const fields = bodyFields(await req.body());
  const transaction = requireTransaction(tenant, fields.state ?? req.query.state);
  requireFormBinding(req, transaction, fields);
  const email = (fields.username ?? fields.email ?? "").trim();
  const password = fields.password ?? "";
  const user = email && password ? await tenant.stores.users.authenticate(email, password) : undefined;
  if (!user) {
    const why = tenant.stores.users.findByEmail(email) ? "wrong password" : "unknown email";
    tenant.log(`failed login for ${JSON.stringify(email)}: ${why}`);
    const input = pageInput(tenant, transaction.id, transaction.csrfToken, transaction.request.clientId);
    return htmlReply(400, loginPage({ ...input, email, error: WRONG_CREDENTIALS }));
  }
  return completePasswordLogin(tenant, req, transaction, user);
}

export function pageInput(tenant: Tenant, transactionId: string, csrfToken: string, clientId: string) {
  return {
    transactionId,
    csrfToken,
    applicationName: tenant.stores.clients.get(clientId)?.name ?? "the application",
  };
}
