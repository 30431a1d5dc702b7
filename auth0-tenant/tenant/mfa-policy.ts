import type { MfaPolicy } from "../../actions/lib/mfa-rules";
import { parseMfaPolicy } from "../../actions/lib/parse-mfa-policy";

/** Auth0 refuses an Action secret over 4096 characters; counted in UTF-8 bytes here, which is never less. */
export const MAX_SECRET_BYTES = 4096;

export class MfaPolicySecretError extends Error {
  readonly code = "mfa_policy_secret_too_large";
  constructor(message: string) {
    super(message);
    this.name = "MfaPolicySecretError";
  }
}

/**
 * Who must give a second factor at login: the one source. The sync gives it to the mfa-policy Action as its
 * MFA_POLICY secret. Edit, then run `npm run tenant:sync -- --apply`; no Action code changes. A login matching any
 * entry is challenged (`actions/lib/mfa-rules.ts`):
 *
 * - `countries`: ISO 3166-1 alpha-2 codes of where the login comes from (`event.request.geoip.countryCode`);
 * - `continents`: AF, AN, AS, EU, NA, OC, SA (`event.request.geoip.continentCode`);
 * - `roles`: role names (`event.authorization.roles`);
 * - `clients`: applications, by the desired state's key (`{ key: APP_CLIENT_KEY }`) or by name.
 *
 * On the local tenant, `PUT /local/geoip` sets where a login comes from. Mind that the local demo user has the
 * role `admin`: listing it challenges every login of the demo user (the tenant's log shows the current code).
 */
export const MFA_POLICY: MfaPolicy = {
  countries: ["FR"],
  continents: [],
  roles: [],
  clients: [],
};

/**
 * The policy as the mfa-policy Action reads it: JSON, checked by the Action's own parser and against the secret
 * size limit, so that a policy the Action would refuse never deploys.
 *
 * @example
 * mfaPolicySecret(); // '{"countries":["FR"],"continents":[],"roles":[],"clients":[]}'
 * @throws {MfaPolicyError} when the Action could not read it; {MfaPolicySecretError} over 4096 bytes.
 */
export function mfaPolicySecret(policy: MfaPolicy = MFA_POLICY): string {
  const json = JSON.stringify(policy);
  parseMfaPolicy(json);
  const size = new TextEncoder().encode(json).length;
  if (size > MAX_SECRET_BYTES) {
    throw new MfaPolicySecretError(`The MFA policy is ${size} bytes as JSON; an Action secret holds at most ${MAX_SECRET_BYTES}.`);
  }
  return json;
}
