import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type CryptoKey, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { CodedError } from "../../../contract/coded-error";
import { TenantError } from "../errors";
import type { SigningKeyStore } from "../store/keys";
import { isOpaqueAccessToken } from "./opaque-access-token";

/**
 * Signs the tenant's RS256 tokens with the current key (its `kid` in the header) and verifies the ones it issued with
 * whichever published key signed them: a token signed before a rotation verifies until its key is revoked.
 */
export class TokenSigner {
  constructor(
    private readonly keys: SigningKeyStore,
    readonly issuer: string,
    private readonly now: () => number,
  ) {}

  sign(claims: JWTPayload): Promise<string> {
    const key = this.keys.current();
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid }).sign(key.privateKey);
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
      const { payload } = await jwtVerify(token, this.verificationKey, {
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
      const { payload } = await jwtVerify(token, this.verificationKey, {
        issuer: this.issuer,
        algorithms: ["RS256"],
        currentDate: new Date(0),
      });
      return payload;
    } catch {
      return undefined;
    }
  }

  /** The published key the header's `kid` names; a revoked or unknown one fails as a bad signature would. */
  private readonly verificationKey = (header: ProtectedHeaderParameters): CryptoKey => {
    const key = this.keys.published().find((candidate) => candidate.kid === header.kid);
    if (key) return key.publicKey;
    const revoked = header.kid !== undefined && this.keys.find(header.kid)?.role === "revoked";
    throw new UnknownSigningKeyError(revoked ? `The token was signed with a revoked key (kid ${header.kid}).` : "The token was not signed by one of this tenant's keys.");
  };
}

class UnknownSigningKeyError extends CodedError<"ERR_SIGNING_KEY_UNKNOWN"> {
  constructor(message: string) {
    super("ERR_SIGNING_KEY_UNKNOWN", message);
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
  if (error instanceof UnknownSigningKeyError) return error.message.replace("The token", "The access token");
  return "The access token is malformed or not signed by this tenant.";
}
