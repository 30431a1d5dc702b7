import type { MfaPolicy } from "../../actions/lib/mfa-rules";

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
 * The policy as the mfa-policy Action reads it: JSON. The desired state checks it with the Action's own parser
 * and against the secret size limit, so that a policy the Action would refuse never deploys.
 *
 * @example
 * mfaPolicySecret(); // '{"countries":["FR"],"continents":[],"roles":[],"clients":[]}'
 */
export function mfaPolicySecret(policy: MfaPolicy = MFA_POLICY): string {
  return JSON.stringify(policy);
}
