import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import { TenantError } from "../errors";

/**
 * Access tokens for no API (Auth0's "opaque" ones, good for `/userinfo` only). Auth0's are a JWE (`alg: dir`,
 * `enc: A256GCM`, `iss` in the header) that nobody but Auth0 can read; so are these, under the tenant's key in
 * `opaque-token-key.json` (store/opaque-token-key.ts): they outlive a restart, as Auth0's do.
 */
export class OpaqueAccessTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly issuer: string,
    private readonly now: () => number,
  ) {}

  seal(claims: JWTPayload): Promise<string> {
    return new EncryptJWT(claims).setProtectedHeader({ alg: "dir", enc: "A256GCM", iss: this.issuer }).encrypt(this.key);
  }

  /** The token's claims when this tenant issued it and it has not expired; throws `invalid_token` otherwise. */
  async open(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtDecrypt(token, this.key, { issuer: this.issuer, currentDate: new Date(this.now()) });
      return payload;
    } catch (error) {
      const expired = (error as { code?: unknown }).code === "ERR_JWT_EXPIRED";
      throw new TenantError(
        "invalid_token",
        expired ? "The access token has expired." : "The access token was not issued by this tenant.",
        401,
      );
    }
  }
}

/** A compact JWE has five parts, a JWS three. */
export function isOpaqueAccessToken(token: string): boolean {
  return token.split(".").length === 5;
}
