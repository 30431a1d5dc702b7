import type { HttpRequest } from "../http/request";
import { withCookies, type Reply } from "../http/reply";
import { runBrowserLogin } from "../login/run-login";
import type { LoginTransaction } from "../state/login-transactions";
import { sessionCookie } from "../state/session-cookie";
import { SESSION_COOKIE } from "../state/sessions";
import type { StoredUser } from "../store/users";
import type { Tenant } from "../tenant";

/**
 * A password check (login or sign-up) succeeded: end the transaction, count the login, open a new tenant session
 * (replacing any previous one), then run the Actions. The session cookie is set whatever the Actions decide.
 */
export async function completePasswordLogin(
  tenant: Tenant,
  req: HttpRequest,
  transaction: LoginTransaction,
  user: StoredUser,
): Promise<Reply> {
  tenant.transactions.delete(transaction.id);
  await tenant.stores.users.recordLogin(user.user_id, req.ip);
  tenant.sessions.delete(req.cookies[SESSION_COOKIE]);
  const timestamp = new Date(tenant.now()).toISOString();
  const { cookieValue, authentication } = tenant.sessions.create(user.user_id, [{ name: "pwd", timestamp }]);
  tenant.log(`user ${user.email} authenticated with a password (logins_count ${user.logins_count})`);
  const reply = await runBrowserLogin(tenant, req, transaction.request, authentication);
  return withCookies(reply, [sessionCookie(req, cookieValue)]);
}
