import { CodedError } from "../../contract/coded-error";
import type { AccessRule, ClientSelector } from "./access-rules";
import { canonicalDomain } from "./email-domain";

/** The access rules could not be read: the Action cannot decide, and the desired state refuses to deploy them. */
export class AccessRulesError extends CodedError<"ERR_ACCESS_RULES_INVALID"> {
  constructor(message: string) {
    super("ERR_ACCESS_RULES_INVALID", message);
  }
}

const REASON = /^[a-z][a-z0-9_]{0,63}$/;
const KINDS = ["deny_email_domains", "deny_audience_to_users", "weekdays_only"];

/**
 * Reads the access rules from their JSON form (the ACCESS_POLICIES secret), checking every field: a rule the
 * Action would misread must fail here, not deny or allow the wrong people.
 *
 * @example
 * parseAccessRules('[{"id":"weekdays","kind":"weekdays_only","timeZone":"Europe/Paris","reason":"weekdays_only"}]');
 * @throws {AccessRulesError} naming the rule and the field at fault.
 */
export function parseAccessRules(json: string): AccessRule[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AccessRulesError("The access rules are not valid JSON.");
  }
  if (!Array.isArray(value)) throw new AccessRulesError("The access rules must be a JSON array.");
  const rules = value.map((item, index) => parseRule(item, `rule ${index}`));
  const ids = rules.map((rule) => rule.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new AccessRulesError(`Two access rules have the id "${duplicate}".`);
  return rules;
}

function parseRule(item: unknown, at: string): AccessRule {
  const rule = record(item, at);
  const id = text(rule.id, `${at}: id`);
  const where = `access rule "${id}"`;
  const reason = text(rule.reason, `${where}: reason`);
  if (!REASON.test(reason)) throw new AccessRulesError(`${where}: reason must match ${REASON.source}.`);
  const base = {
    id,
    reason,
    ...(rule.clients === undefined ? {} : { clients: list(rule.clients, `${where}: clients`).map((selector) => clientSelector(selector, where)) }),
  };
  switch (rule.kind) {
    case "deny_email_domains":
      return {
        ...base,
        kind: rule.kind,
        domains: nonEmpty(list(rule.domains, `${where}: domains`).map((domain) => domainName(text(domain, `${where}: domains`), where)), `${where}: domains`),
      };
    case "deny_audience_to_users":
      return {
        ...base,
        kind: rule.kind,
        audience: text(rule.audience, `${where}: audience`),
        ...(rule.exceptRoles === undefined
          ? {}
          : { exceptRoles: list(rule.exceptRoles, `${where}: exceptRoles`).map((role) => text(role, `${where}: exceptRoles`)) }),
      };
    case "weekdays_only":
      return { ...base, kind: rule.kind, timeZone: timeZone(text(rule.timeZone, `${where}: timeZone`), where) };
    default:
      throw new AccessRulesError(`${where}: kind must be one of ${KINDS.join(", ")}.`);
  }
}

function clientSelector(value: unknown, where: string): ClientSelector {
  const selector = record(value, `${where}: clients`);
  if (typeof selector.key === "string" && selector.key !== "" && selector.name === undefined) return { key: selector.key };
  if (typeof selector.name === "string" && selector.name !== "" && selector.key === undefined) return { name: selector.name };
  throw new AccessRulesError(`${where}: each client is { key } or { name }.`);
}

function domainName(domain: string, where: string): string {
  if (!canonicalDomain(domain)) throw new AccessRulesError(`${where}: "${domain}" is not a domain name such as contractors.example.`);
  return domain;
}

function timeZone(zone: string, where: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw new AccessRulesError(`${where}: timeZone "${zone}" is not an IANA time zone.`);
  }
  return zone;
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AccessRulesError(`${at} must be an object.`);
  return value as Record<string, unknown>;
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new AccessRulesError(`${at} must be a list.`);
  return value;
}

function nonEmpty<T>(values: T[], at: string): T[] {
  if (values.length === 0) throw new AccessRulesError(`${at} must not be empty.`);
  return values;
}

function text(value: unknown, at: string): string {
  if (typeof value !== "string" || value === "") throw new AccessRulesError(`${at} must be a non-empty string.`);
  return value;
}
