import { SignJWT } from "jose";

/** Short on purpose: the browser posts the answer to `/continue` at once, and a leaked answer dies quickly. */
export const ANSWER_TOKEN_TTL_SECONDS = 60;

/** A step's answer: JSON values, e.g. `{ step: "profile", profile: { company: "Acme" } }`. */
export type AnswerClaims = Record<string, string | number | boolean | Record<string, string>>;

export interface AnswerTokenInput {
  key: CryptoKey;
  /** The app's origin: `iss` says who answered. */
  issuer: string;
  /** The Auth0 user id from the session token. */
  sub: string;
  /** The `state` Auth0 gave with the redirect; `validateToken` compares it with the `/continue` state. */
  state: string;
  /** The step's answer, e.g. `{ step: "terms", decision: "accepted", terms_version: 2 }`. */
  answer: AnswerClaims;
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
