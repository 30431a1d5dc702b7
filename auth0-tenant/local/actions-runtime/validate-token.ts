import { hs256SignatureMatches } from "./hs256";

export interface ValidateSessionTokenInput {
  token: string;
  secret: string;
  /** The `state` parameter of the `/continue` request (body over query). */
  expectedState: string | undefined;
  /** `event.user.user_id`. */
  expectedSub: string;
  nowSeconds: number;
}

export type SessionTokenValidation =
  | { valid: true; claims: Record<string, unknown> }
  | { valid: false; reason: string };

interface DecodedToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: string;
}

const STANDARD_CLAIMS = [
  ["iat", "number"],
  ["exp", "number"],
  ["sub", "string"],
  ["iss", "string"],
  ["state", "string"],
] as const;

function parseJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function decode(token: string): DecodedToken | undefined {
  const [headerSegment, claimsSegment, signature, ...rest] = token.split(".");
  if (headerSegment === undefined || claimsSegment === undefined || signature === undefined || rest.length > 0) {
    return undefined;
  }
  const header = parseJsonObject(headerSegment);
  const claims = parseJsonObject(claimsSegment);
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${headerSegment}.${claimsSegment}`, signature };
}

function stateMismatch(tokenState: unknown, expectedState: string | undefined): string | undefined {
  if (tokenState === expectedState) return undefined;
  const reason = "State in the token does not match the /continue state.";
  // Say which side is missing, but never echo either value: the state is a bearer handle on the login.
  if (tokenState === undefined) return `${reason} (the token has no state claim)`;
  if (expectedState === undefined) return `${reason} (the /continue request has no state parameter)`;
  return reason;
}

function signatureFailure(decoded: DecodedToken, secret: string): string | undefined {
  const reason = "Failed signature validation";
  // HS256 only: `none` or any other algorithm is refused outright rather than "verified".
  const alg = decoded.header.alg;
  if (alg !== "HS256") return `${reason} (alg must be HS256, got ${JSON.stringify(alg)})`;
  if (!hs256SignatureMatches(decoded.signingInput, decoded.signature, secret)) {
    return `${reason} (the HS256 signature does not match this secret)`;
  }
  return undefined;
}

function standardClaimsFailure(claims: Record<string, unknown>): string | undefined {
  for (const [name, type] of STANDARD_CLAIMS) {
    const value = claims[name];
    if (value === undefined) return `Missing or invalid standard claims (${name} is missing)`;
    if (type === "number" && !(typeof value === "number" && Number.isFinite(value))) {
      return `Missing or invalid standard claims (${name} must be a number)`;
    }
    if (type === "string" && !(typeof value === "string" && value !== "")) {
      return `Missing or invalid standard claims (${name} must be a non-empty string)`;
    }
  }
  return undefined;
}

function typeFailure(header: Record<string, unknown>): string | undefined {
  if (typeof header.typ === "string" && header.typ.toUpperCase() === "JWT") return undefined;
  const got = header.typ === undefined ? "the header has no typ" : `got ${JSON.stringify(header.typ)}`;
  return `Unexpected token payload type (the header's typ must be "JWT"; ${got})`;
}

/**
 * What `api.redirect.validateToken` checks, in Auth0's order: state, signature, standard claims, typ, sub, expiry.
 * Reasons keep Auth0's wording and add, in parentheses, which part failed.
 */
export function validateSessionToken(input: ValidateSessionTokenInput): SessionTokenValidation {
  const decoded = decode(input.token);
  if (!decoded) {
    return {
      valid: false,
      reason: "Malformed token (expected a JWT: three base64url parts holding a JSON header and a JSON object payload)",
    };
  }
  const { header, claims } = decoded;
  // Each check runs only if the earlier ones passed, so `exp` is known to be a number by the last one.
  const reason =
    stateMismatch(claims.state, input.expectedState) ??
    signatureFailure(decoded, input.secret) ??
    standardClaimsFailure(claims) ??
    typeFailure(header) ??
    (claims.sub !== input.expectedSub ? "The sub claim does not match the user_id." : undefined) ??
    ((claims.exp as number) <= input.nowSeconds ? "Token has expired." : undefined);
  return reason === undefined ? { valid: true, claims } : { valid: false, reason };
}
