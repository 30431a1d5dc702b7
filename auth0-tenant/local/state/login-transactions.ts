import { randomBytes } from "node:crypto";
import type { AuthorizeRequest } from "../login/types";

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

export type TransactionLookup =
  | { status: "ok"; transaction: LoginTransaction }
  | { status: "missing" | "unknown" | "expired" };

export class LoginTransactionStore {
  private readonly transactions = new Map<string, LoginTransaction>();
  private lastSweep = 0;

  constructor(private readonly now: () => number) {}

  create(request: AuthorizeRequest, browserId: string): LoginTransaction {
    this.sweep();
    const transaction: LoginTransaction = {
      id: randomBytes(24).toString("base64url"),
      browserId,
      csrfToken: randomBytes(24).toString("base64url"),
      request,
      expiresAt: this.now() + TRANSACTION_LIFETIME_MS,
    };
    this.transactions.set(transaction.id, transaction);
    return transaction;
  }

  find(id: string | undefined): TransactionLookup {
    if (!id) return { status: "missing" };
    const transaction = this.transactions.get(id);
    if (!transaction) return { status: "unknown" };
    if (this.now() >= transaction.expiresAt) return { status: "expired" };
    return { status: "ok", transaction };
  }

  /** A finished login ends its transaction: a resubmitted form is refused. */
  delete(id: string): void {
    this.transactions.delete(id);
  }

  /** At most once a minute, so that creating transactions stays O(1) under load. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, transaction] of this.transactions) {
      if (now >= transaction.expiresAt + TRANSACTION_LIFETIME_MS) this.transactions.delete(id);
    }
  }
}
