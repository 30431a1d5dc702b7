import { PageError } from "../errors";
import type { HttpRequest } from "../http/request";
import { LOST_SESSION_MESSAGE as LOST_SESSION } from "../login/messages";
import type { MfaChallenge } from "../state/mfa-challenges";
import { SESSION_COOKIE } from "../state/sessions";
import type { Tenant } from "../tenant";
import { requireFormState, sameSecret } from "./transaction-guard";

/**
 * The challenge behind a page's `state`, shown or answered only in the browser holding the tenant session of its
 * login (the session cookie is set before the challenge starts, also when the login resumed at `/continue`).
 */
export function requireMfaChallenge(tenant: Tenant, req: HttpRequest, id: string | undefined): MfaChallenge {
  const challenge = requireFormState(tenant.mfaChallenges.find(id), "MFA challenge");
  const session = tenant.sessions.find(req.cookies[SESSION_COOKIE]);
  if (session?.sessionId !== challenge.login.authentication.sessionId) {
    throw new PageError(
      "invalid_request",
      LOST_SESSION,
      `the ${SESSION_COOKIE} cookie is missing or belongs to another session than the login waiting for this code`,
    );
  }
  return challenge;
}

/** A posted code must carry the challenge's CSRF token. */
export function requireMfaCsrf(challenge: MfaChallenge, fields: Record<string, string>): void {
  if (!sameSecret(fields._csrf, challenge.csrfToken)) {
    throw new PageError("invalid_request", "Invalid or missing CSRF token; reload the page and try again.");
  }
}
