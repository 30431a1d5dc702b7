import type { CompletedLogin, SuspendedLogin } from "../login/types";
import { FormStateStore, randomToken } from "./form-state-store";

/** A challenge belongs to a login transaction, which Auth0 keeps one hour. */
const CHALLENGE_LIFETIME_MS = 3600 * 1000;

/** Wrong codes a challenge takes before it refuses the login. */
export const MAX_WRONG_CODES = 5;

/**
 * A login whose Actions asked for MFA, waiting for a one-time code: then its authorization code is issued (completed,
 * `api.multifactor.enable`) or its Actions resume (suspended, `api.authentication.challengeWith*`/`enrollWith*`).
 */
export interface MfaChallenge {
  id: string;
  /** Hidden form field; the page is also bound to the tenant session cookie of the login. */
  csrfToken: string;
  login: CompletedLogin | SuspendedLogin;
  /** The user's email: the account the page names, and who the log lines are about. */
  who: string;
  /**
   * A new secret offered to a user with no authenticator yet; enrolled only when a code of it is confirmed, and
   * shown on this challenge's page only.
   */
  pendingSecret?: string;
  wrongCodes: number;
  expiresAt: number;
}

/** A challenge ends (passed or refused) by being deleted. */
export class MfaChallengeStore extends FormStateStore<MfaChallenge> {
  constructor(now: () => number) {
    super(now, CHALLENGE_LIFETIME_MS);
  }

  create(input: { login: CompletedLogin | SuspendedLogin; who: string; pendingSecret?: string }): MfaChallenge {
    return this.add((id, expiresAt) => ({ id, csrfToken: randomToken(), ...input, wrongCodes: 0, expiresAt }));
  }
}
