import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { TenantError } from "../errors";
import type { SigningKey } from "../store/keys";
import { isOpaqueAccessToken } from "./opaque-access-token";

/** Signs the tenant's RS256 tokens (with `kid`) and verifies the ones it issued. */
export class TokenSigner {
  constructor(
    private readonly key: SigningKey,
    readonly issuer: string,
    private readonly now: () => number,
  ) {}

  sign(claims: JWTPayload): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.key.kid }).sign(this.key.privateKey);
  }

  /** Signature, `iss`, `exp` and that `aud` includes `audience` (or one of them); throws `invalid_token` saying which check failed. */
  async verify(token: string, audience: string | readonly string[]): Promise<JWTPayload> {
    if (isOpaqueAccessToken(token)) {
      throw new TenantError(
        "invalid_token",
        `The access token is an opaque one, issued for no audience: only /userinfo accepts it (ask for the audience ${[audience].flat().join(" or ")}).`,
        401,
      );
    }
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        issuer: this.issuer,
        audience: typeof audience === "string" ? audience : [...audience],
        algorithms: ["RS256"],
        currentDate: new Date(this.now()),
      });
      return payload;
    } catch (error) {
      throw new TenantError("invalid_token", describeVerificationError(error, audience), 401);
    }
  }

  /** An `id_token_hint`: signed by this tenant, expiry ignored (a logout often follows an old token). */
  async verifyIdTokenHint(token: string): Promise<JWTPayload | undefined> {
    try {
      if (decodeProtectedHeader(token).alg !== "RS256") return undefined;
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        issuer: this.issuer,
        algorithms: ["RS256"],
        currentDate: new Date(0),
      });
      return payload;
    } catch {
      return undefined;
    }
  }
}

function describeVerificationError(error: unknown, audience: string | readonly string[]): string {
  if (error instanceof errors.JWTExpired) return "The access token has expired.";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return `The access token's audience does not include ${[audience].flat().join(" or ")}.`;
    if (error.claim === "iss") return "The access token was not issued by this tenant.";
    return `The access token's "${error.claim}" claim is invalid (${error.reason}).`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The access token's signature is invalid.";
  return "The access token is malformed or not signed by this tenant.";
}
