import { randomBytes } from "node:crypto";
import type { CompletedLogin, SuspendedLogin } from "../login/types";

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

export type MfaChallengeLookup = { status: "ok"; challenge: MfaChallenge } | { status: "missing" | "unknown" | "expired" };

/** In memory, like every login state: a restart forgets pending challenges. */
export class MfaChallengeStore {
  private readonly challenges = new Map<string, MfaChallenge>();
  private lastSweep = 0;

  constructor(private readonly now: () => number) {}

  create(input: { login: CompletedLogin | SuspendedLogin; who: string; pendingSecret?: string }): MfaChallenge {
    this.sweep();
    const challenge: MfaChallenge = {
      id: randomBytes(24).toString("base64url"),
      csrfToken: randomBytes(24).toString("base64url"),
      ...input,
      wrongCodes: 0,
      expiresAt: this.now() + CHALLENGE_LIFETIME_MS,
    };
    this.challenges.set(challenge.id, challenge);
    return challenge;
  }

  find(id: string | undefined): MfaChallengeLookup {
    if (!id) return { status: "missing" };
    const challenge = this.challenges.get(id);
    if (!challenge) return { status: "unknown" };
    if (this.now() >= challenge.expiresAt) return { status: "expired" };
    return { status: "ok", challenge };
  }

  /** Ends a challenge (passed or refused): a resubmitted form is refused. */
  delete(id: string): void {
    this.challenges.delete(id);
  }

  /** At most once a minute, so that creating challenges stays O(1) under load. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, challenge] of this.challenges) if (now >= challenge.expiresAt) this.challenges.delete(id);
  }
}
