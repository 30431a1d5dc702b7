import { SignJWT } from "jose";
import { ANSWER_TOKEN_TTL_SECONDS } from "../../contract/login-steps";

export interface AnswerTokenInput {
  key: CryptoKey;
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
 * const token = await signAnswerToken({ key, issuer: "https://app.example.com", sub, state, answer: { step: "terms", decision: "declined" } });
 */
export async function signAnswerToken(input: AnswerTokenInput): Promise<string> {
  const now = input.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ ...input.answer, state: input.state })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(input.sub)
    .setIssuer(input.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + ANSWER_TOKEN_TTL_SECONDS)
    .sign(input.key);
}
