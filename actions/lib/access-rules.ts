import { canonicalDomain, emailDomain, isWithinDomain } from "./email-domain";
import type { PostLoginEvent } from "../../contract/post-login";

/**
 * Access rules: configuration, not code. The rules themselves live in `auth0-tenant/tenant/access-policies.ts`; the sync
 * hands them to the access-policy Action as a JSON secret, and the app's /denied page explains their reasons.
 */

/** An application, by the sync key of a client the sync manages (`client_metadata.tenant_sync_key`), or by name. */
export type ClientSelector = { key: string } | { name: string };

interface RuleBase {
  /** Unique among the rules; named in the Action's log. */
  id: string;
  /** What `api.access.deny` receives (Auth0's `error_description`): a stable code, `[a-z][a-z0-9_]*`. */
  reason: string;
  /** The applications the rule applies to; every application when omitted. */
  clients?: ClientSelector[];
}

/**
 * Denies users whose email is at one of these domains (or a subdomain), compared in canonical form (`email-domain.ts`);
 * an email whose domain is not a host name is denied too, so no spelling slips past the list.
 */
export interface DenyEmailDomainsRule extends RuleBase {
  kind: "deny_email_domains";
  /** Host names (`parseAccessRules` refuses anything else), in any spelling: they are compared in canonical form. */
  domains: string[];
}

/** Denies end users a token for this API (`audience`), except users with one of `exceptRoles`. */
export interface DenyAudienceRule extends RuleBase {
  kind: "deny_audience_to_users";
  audience: string;
  exceptRoles?: string[];
}

/** Allows logins Monday to Friday only, in this IANA time zone. */
export interface WeekdaysOnlyRule extends RuleBase {
  kind: "weekdays_only";
  timeZone: string;
}

export type AccessRule = DenyEmailDomainsRule | DenyAudienceRule | WeekdaysOnlyRule;

/** What the rules look at, taken from the event (`loginFacts`), so that rules are evaluated as a pure function. */
export interface LoginFacts {
  email?: string;
  client: { id: string; name: string; key?: string };
  /** The API the login asks a token for, if any. */
  audience?: string;
  roles: string[];
  now: Date;
}

export type AccessDecision = { allowed: true } | { allowed: false; ruleId: string; reason: string };

/**
 * The facts of a login.
 *
 * @example
 * const facts = loginFacts(event, new Date()); // { email: "ada@example.com", client: { id, name, key: "product-xyz-app" }, roles: [], now }
 */
export function loginFacts(event: PostLoginEvent, now: Date): LoginFacts {
  const key = event.client.metadata?.tenant_sync_key;
  return {
    ...(event.user.email ? { email: event.user.email } : {}),
    client: { id: event.client.client_id, name: event.client.name, ...(key ? { key } : {}) },
    ...(event.resource_server ? { audience: event.resource_server.identifier } : {}),
    roles: event.authorization?.roles ?? [],
    now,
  };
}

/**
 * The first rule, in order, that denies this login; allowed when none does.
 *
 * @example
 * evaluateAccessRules([{ id: "no-contractors", kind: "deny_email_domains", domains: ["contractors.example"], reason: "email_domain_not_allowed" }], facts);
 * // { allowed: false, ruleId: "no-contractors", reason: "email_domain_not_allowed" } for ada@contractors.example
 */
export function evaluateAccessRules(rules: readonly AccessRule[], facts: LoginFacts): AccessDecision {
  const denying = rules.find((rule) => appliesTo(rule, facts.client) && denies(rule, facts));
  return denying ? { allowed: false, ruleId: denying.id, reason: denying.reason } : { allowed: true };
}

function appliesTo(rule: AccessRule, client: LoginFacts["client"]): boolean {
  if (!rule.clients) return true;
  return rule.clients.some((selector) => ("key" in selector ? selector.key === client.key : selector.name === client.name));
}

function denies(rule: AccessRule, facts: LoginFacts): boolean {
  switch (rule.kind) {
    case "deny_email_domains": {
      if (facts.email === undefined) return false;
      const domain = emailDomain(facts.email);
      return domain === undefined || rule.domains.some((denied) => isWithinDomain(domain, canonicalDomain(denied) ?? denied));
    }
    case "deny_audience_to_users":
      return facts.audience === rule.audience && !(rule.exceptRoles ?? []).some((role) => facts.roles.includes(role));
    case "weekdays_only": {
      const weekday = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: rule.timeZone }).format(facts.now);
      return weekday === "Sat" || weekday === "Sun";
    }
  }
}
