import { timingSafeEqual } from "node:crypto";
import { PageError } from "../errors";
import { bodyFields, type HttpRequest } from "../http/request";
import { LOST_SESSION_MESSAGE as LOST_SESSION } from "../login/messages";
import type { StateLookup } from "../state/form-state-store";
import { BROWSER_COOKIE, type LoginTransaction } from "../state/login-transactions";
import type { Tenant } from "../tenant";

/** The pending login behind a form's `state`, or a 400 page saying precisely why there is none. */
export function requireTransaction(tenant: Tenant, id: string | undefined): LoginTransaction {
  return requireFormState(tenant.transactions.find(id), "pending login");
}

/** The record a form's `state` found, or a 400 page naming `what` and why it is not there. */
export function requireFormState<T>(found: StateLookup<T>, what: string): T {
  switch (found.status) {
    case "ok":
      return found.record;
    case "missing":
      throw new PageError("invalid_request", LOST_SESSION, "missing: the request has no state parameter");
    case "unknown":
      throw new PageError(
        "invalid_request",
        LOST_SESSION,
        `unknown: no ${what} has this state (it already finished, or the tenant restarted)`,
      );
    case "expired":
      throw new PageError("invalid_request", LOST_SESSION, `expired: the ${what} is older than one hour`);
  }
}

/**
 * A posted login or sign-up form: its fields and its pending login. It must come from the browser that started the
 * login and carry the transaction's CSRF token.
 */
export async function requirePostedForm(
  tenant: Tenant,
  req: HttpRequest,
): Promise<{ fields: Record<string, string>; transaction: LoginTransaction }> {
  const fields = bodyFields(await req.body());
  const transaction = requireTransaction(tenant, fields.state ?? req.query.state);
  if (!sameSecret(req.cookies[BROWSER_COOKIE], transaction.browserId)) {
    throw new PageError(
      "invalid_request",
      LOST_SESSION,
      `the ${BROWSER_COOKIE} cookie is missing or belongs to another browser than the one that started this login`,
    );
  }
  if (!sameSecret(fields._csrf, transaction.csrfToken)) {
    throw new PageError("invalid_request", "Invalid or missing CSRF token; reload the login page and try again.");
  }
  return { fields, transaction };
}

/** Compares a presented secret (cookie, CSRF token) with the expected one in constant time. */
export function sameSecret(actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
