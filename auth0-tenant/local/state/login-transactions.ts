import type { AuthorizeRequest } from "../login/types";
import { FormStateStore, randomToken } from "./form-state-store";

/** Binds a pending login to the browser that started it (HttpOnly, SameSite=Lax). */
export const BROWSER_COOKIE = "auth0_local_browser";

/** Auth0's login transactions last one hour. */
const TRANSACTION_LIFETIME_MS = 3600 * 1000;

/** An `/authorize` request waiting for the login or sign-up form. */
export interface LoginTransaction {
  id: string;
  /** Value of the browser-binding cookie that started it: a form posted from another browser is refused. */
  browserId: string;
  /** Hidden form field; together with the browser binding it stops cross-site form posts. */
  csrfToken: string;
  request: AuthorizeRequest;
  expiresAt: number;
}

/** The `/authorize` requests waiting for their form; a finished login deletes its transaction. */
export class LoginTransactionStore extends FormStateStore<LoginTransaction> {
  constructor(now: () => number) {
    super(now, TRANSACTION_LIFETIME_MS, TRANSACTION_LIFETIME_MS);
  }

  create(request: AuthorizeRequest, browserId: string): LoginTransaction {
    return this.add((id, expiresAt) => ({ id, browserId, csrfToken: randomToken(), request, expiresAt }));
  }
}
