import { OAuthError } from "../errors";

/**
 * Endpoints of Auth0's Authentication API the local tenant does not emulate. Each answers 501 `not_emulated` saying
 * what it is, rather than a bare 404 a client would take for a wrong domain; discovery does not list them.
 */
export const NOT_EMULATED_ENDPOINTS: ReadonlyArray<{ methods: string[]; path: string; feature: string }> = [
  { methods: ["POST"], path: "/oauth/device/code", feature: "the device authorization flow" },
  { methods: ["GET", "POST"], path: "/activate", feature: "the device authorization flow's activation page" },
  { methods: ["POST"], path: "/oauth/par", feature: "pushed authorization requests" },
  { methods: ["POST"], path: "/mfa/challenge", feature: "the MFA API" },
  { methods: ["GET", "POST"], path: "/mfa/authenticators", feature: "the MFA API" },
  { methods: ["POST"], path: "/mfa/associate", feature: "the MFA API" },
  { methods: ["POST"], path: "/oidc/register", feature: "dynamic client registration" },
  { methods: ["POST"], path: "/dbconnections/signup", feature: "the database signup endpoint (use the sign-up page or POST /api/v2/users)" },
  { methods: ["POST"], path: "/dbconnections/change_password", feature: "password-change emails" },
  { methods: ["POST"], path: "/passwordless/start", feature: "passwordless login" },
  { methods: ["POST"], path: "/co/authenticate", feature: "cross-origin authentication" },
  { methods: ["POST"], path: "/oauth/ro", feature: "the legacy resource owner endpoint" },
  { methods: ["GET"], path: "/samlp/metadata", feature: "SAML" },
];

export function notEmulated(feature: string, path: string): never {
  throw new OAuthError("not_emulated", `The local tenant does not emulate ${feature} (${path}).`, 501);
}
