import { recordLoginEvent } from "../login/log-event";
import { TenantError } from "../errors";
import type { HttpRequest } from "../http/request";
import { htmlReply, type Reply } from "../http/reply";
import { MESSAGES } from "../pages/messages";
import { en } from "../pages/messages-en";
import { MIN_PASSWORD_LENGTH, signupPage } from "../pages/signup-page";
import type { Tenant } from "../tenant";
import { completePasswordLogin } from "./complete-authentication";
import { pageInput } from "./login";
import { requirePostedForm, requireTransaction } from "./transaction-guard";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function showSignup(tenant: Tenant, req: HttpRequest): Reply {
  const transaction = requireTransaction(tenant, req.query.state);
  return htmlReply(200, signupPage(pageInput(tenant, transaction)));
}

/** A new database user, then logged in at once (its first login), as Auth0's sign-up does. */
export async function submitSignup(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const { fields, transaction } = await requirePostedForm(tenant, req);
  const email = (fields.email ?? "").trim();
  const password = fields.password ?? "";
  const input = { ...pageInput(tenant, transaction), email };
  const t = MESSAGES[input.language];
  const refuse = (error: string) => htmlReply(400, signupPage({ ...input, error }));

  if (!EMAIL.test(email) || email.length > 254) return refuse(t.invalidEmail);
  if (password.length < MIN_PASSWORD_LENGTH) return refuse(t.passwordTooShort(MIN_PASSWORD_LENGTH));
  try {
    const user = await tenant.stores.users.create({ email, password });
    tenant.log(`user ${user.email} signed up (${user.user_id})`);
    recordLoginEvent(tenant, req, { type: "ss", description: "Successful signup", clientId: transaction.request.clientId, user });
    return await completePasswordLogin(tenant, req, transaction, user);
  } catch (error) {
    if (error instanceof TenantError && error.wireCode === "user_exists") {
      recordLoginEvent(tenant, req, { type: "fs", description: en.userExists, clientId: transaction.request.clientId, userName: email });
      return refuse(t.userExists);
    }
    throw error;
  }
}
