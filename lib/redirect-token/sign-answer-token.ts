import type { KeyObject } from "node:crypto";
import { ANSWER_TOKEN_TTL_SECONDS } from "../../contract/login-steps";
import { signHs256 } from "./hs256";

export interface AnswerTokenInput {
  key: KeyObject;
  /** The app's origin: `iss` says who answered. */
  issuer: string;
  /** The Auth0 user id from the session token. */
  sub: string;
  /** The `state` Auth0 gave with the redirect; `validateToken` compares it with the `/continue` state. */
  state: string;
  /** The step's answer, typed by the contract (`AnswerTokenClaims`), e.g. `{ step: "terms", decision: "accepted", terms_version: 2, login_id }`. */
  answer: object;
  /** Seconds since the epoch; defaults to the system clock. */
  now?: number;
}

/**
 * Signs the answer sent back to Auth0's `/continue`, with every claim `api.redirect.validateToken` requires:
 * header `typ: JWT`, HS256, `iat`, `exp`, `sub`, `iss` and `state`.
 *
 * @example
 * const token = signAnswerToken({ key, issuer: "https://app.example.com", sub, state, answer: { step: "terms", decision: "declined" } });
 */
export function signAnswerToken(input: AnswerTokenInput): string {
  const now = input.now ?? Math.floor(Date.now() / 1000);
  return signHs256({ ...input.answer, state: input.state, sub: input.sub, iss: input.issuer, iat: now, exp: now + ANSWER_TOKEN_TTL_SECONDS }, input.key);
}
