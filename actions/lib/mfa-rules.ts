import type { ClientSelector } from "./access-rules";
import type { MfaPostLoginEvent } from "../../contract/post-login";

/**
 * Who must give a second factor: configuration, not code. The policy itself lives in `auth0-tenant/tenant/mfa-policy.ts`;
 * the sync hands it to the mfa-policy Action as a JSON secret. A login that matches any entry of any list is
 * challenged; empty lists match nothing.
 */
export interface MfaPolicy {
  /** ISO 3166-1 alpha-2 codes, as `event.request.geoip.countryCode`, e.g. `FR`. */
  readonly countries: readonly string[];
  /** As `event.request.geoip.continentCode`: AF, AN, AS, EU, NA, OC, SA. */
  readonly continents: readonly string[];
  /** Role names, as `event.authorization.roles`. */
  readonly roles: readonly string[];
  /** Applications every login to which is challenged, by sync key or by name. */
  readonly clients: readonly ClientSelector[];
}

/** What the policy looks at, taken from the event (`mfaFacts`), so that it is evaluated as a pure function. */
export interface MfaFacts {
  protocol?: string;
  /** This session already passed MFA (`event.authentication.methods` holds `mfa`). */
  mfaPassed: boolean;
  countryCode?: string;
  continentCode?: string;
  roles: readonly string[];
  client: { id: string; name: string; key?: string };
}

export type MfaDecision =
  | { challenge: true; reason: string }
  | { challenge: false; reason: "refresh_token_exchange" | "mfa_already_passed" | "no_rule_matches" };

/**
 * The facts of a login.
 *
 * @example
 * mfaFacts(event); // { protocol: "oidc-basic-profile", mfaPassed: false, countryCode: "FR", continentCode: "EU", roles: [], client: { id, name, key } }
 */
export function mfaFacts(event: MfaPostLoginEvent): MfaFacts {
  const { geoip } = event.request;
  const key = event.client.metadata?.tenant_sync_key;
  return {
    ...(event.transaction?.protocol ? { protocol: event.transaction.protocol } : {}),
    mfaPassed: (event.authentication?.methods ?? []).some((method) => method.name === "mfa"),
    ...(geoip?.countryCode ? { countryCode: geoip.countryCode.toUpperCase() } : {}),
    ...(geoip?.continentCode ? { continentCode: geoip.continentCode.toUpperCase() } : {}),
    roles: event.authorization?.roles ?? [],
    client: { id: event.client.client_id, name: event.client.name, ...(key ? { key } : {}) },
  };
}

/**
 * Whether to ask for a second factor, and why. A policy that could not be read (`"unreadable"`) challenges every
 * interactive login: a security control fails closed.
 *
 * Only refresh-token exchanges are let through unconditionally: the login that obtained the token was checked (and
 * challenged if the policy asked), and there is no browser to challenge. Other back-channel grants (password,
 * token exchange) are not: letting them through would let a password alone bypass the policy; Auth0 answers them
 * `mfa_required`.
 *
 * @example
 * decideMfa({ countries: ["FR"], continents: [], roles: [], clients: [] }, facts); // { challenge: true, reason: "country FR" } from France
 */
export function decideMfa(policy: MfaPolicy | "unreadable", facts: MfaFacts): MfaDecision {
  if (facts.protocol === "oauth2-refresh-token") return { challenge: false, reason: "refresh_token_exchange" };
  if (facts.mfaPassed) return { challenge: false, reason: "mfa_already_passed" };
  if (policy === "unreadable") return { challenge: true, reason: "the policy is unreadable" };
  const reason = matchingRule(policy, facts);
  return reason ? { challenge: true, reason } : { challenge: false, reason: "no_rule_matches" };
}

function matchingRule(policy: MfaPolicy, facts: MfaFacts): string | undefined {
  const { countryCode, continentCode, client } = facts;
  if (countryCode && policy.countries.includes(countryCode)) return `country ${countryCode}`;
  if (continentCode && policy.continents.includes(continentCode)) return `continent ${continentCode}`;
  const role = facts.roles.find((candidate) => policy.roles.includes(candidate));
  if (role !== undefined) return `role ${role}`;
  const selector = policy.clients.find((candidate) =>
    "key" in candidate ? candidate.key === client.key : candidate.name === client.name,
  );
  if (selector) return "key" in selector ? `client ${selector.key}` : `client "${selector.name}"`;
  return undefined;
}
