import { SignJWT } from "jose";
import type { KeyObject } from "node:crypto";

/** Auth0's tenant host as the local tenant serves it in tests: `iss` of the Actions' tokens. */
export const TENANT_HOST = "localhost:4000";

export interface SessionTokenOptions {
  /** The secret shared with the Action (`REDIRECT_TOKEN_SECRET`), or its imported key. */
  secret: string | KeyObject;
  /** `iss`: the tenant's host, bare, as Auth0 issues it. */
  issuer?: string;
  sub?: string;
  /** `iat`, in seconds; `exp` is five minutes later. */
  now?: number;
  /** Merged into the protected header (`alg: HS256, typ: JWT`). */
  header?: Record<string, unknown>;
}

/**
 * A step's `session_token` as the Action makes it with `api.redirect.encodeToken`: HS256, `iat`, `iss`, `sub`, `exp`,
 * `ip`, then `payload`, spread last so it may override them. A claim set to `undefined` is left out.
 *
 * @example
 * const token = await actionSessionToken({ step: "terms", terms_version: 2, login_id: randomUUID() }, { secret });
 */
export async function actionSessionToken(payload: Record<string, unknown>, options: SessionTokenOptions): Promise<string> {
  const iat = options.now ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { iat, iss: options.issuer ?? TENANT_HOST, sub: options.sub ?? "auth0|u1", exp: iat + 300, ip: "127.0.0.1", ...payload };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  // The secret's UTF-8 bytes, as Auth0's encodeToken takes them: not through the app's own key function, which this oracle checks.
  const key = typeof options.secret === "string" ? new TextEncoder().encode(options.secret) : options.secret;
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT", ...options.header }).sign(key);
}
