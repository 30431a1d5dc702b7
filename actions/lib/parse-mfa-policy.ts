import { CodedError } from "../../contract/coded-error";
import type { ClientSelector } from "./access-rules";
import type { MfaPolicy } from "./mfa-rules";

/** The MFA policy could not be read: the Action challenges everyone, and the desired state refuses to deploy it. */
export class MfaPolicyError extends CodedError<"ERR_MFA_POLICY_INVALID"> {
  constructor(message: string) {
    super("ERR_MFA_POLICY_INVALID", message);
  }
}

const LISTS = ["countries", "continents", "roles", "clients"] as const;
const COUNTRY = /^[A-Z]{2}$/;
const CONTINENTS = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"];

/**
 * Reads the MFA policy from its JSON form (the MFA_POLICY secret). Every list must be present, even empty, and no
 * other key is accepted: a misspelt list must fail here, not silently challenge nobody.
 *
 * @example
 * parseMfaPolicy('{"countries":["FR"],"continents":[],"roles":["admin"],"clients":[{"key":"product-xyz-app"}]}');
 * @throws {MfaPolicyError} naming the list and the entry at fault.
 */
export function parseMfaPolicy(json: string): MfaPolicy {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new MfaPolicyError("The MFA policy is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MfaPolicyError("The MFA policy must be a JSON object.");
  }
  const policy = value as Record<string, unknown>;
  const unknown = Object.keys(policy).filter((key) => !(LISTS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new MfaPolicyError(`The MFA policy has unknown keys: ${unknown.join(", ")} (expected ${LISTS.join(", ")}).`);
  }
  return {
    countries: strings(policy, "countries", (code) => COUNTRY.test(code), "an ISO 3166-1 alpha-2 code in upper case, e.g. FR"),
    continents: strings(policy, "continents", (code) => CONTINENTS.includes(code), `one of ${CONTINENTS.join(", ")}`),
    roles: strings(policy, "roles", (role) => role !== "", "a non-empty role name"),
    clients: list(policy, "clients").map(clientSelector),
  };
}

function list(policy: Record<string, unknown>, name: (typeof LISTS)[number]): unknown[] {
  const value = policy[name];
  if (!Array.isArray(value)) throw new MfaPolicyError(`The MFA policy's ${name} must be a list (empty for none).`);
  return value;
}

function strings(
  policy: Record<string, unknown>,
  name: (typeof LISTS)[number],
  valid: (text: string) => boolean,
  expected: string,
): string[] {
  return list(policy, name).map((entry) => {
    if (typeof entry !== "string" || !valid(entry)) {
      throw new MfaPolicyError(`The MFA policy's ${name} has ${JSON.stringify(entry)}; expected ${expected}.`);
    }
    return entry;
  });
}

function clientSelector(entry: unknown): ClientSelector {
  const isObject = typeof entry === "object" && entry !== null && !Array.isArray(entry);
  const selector = isObject ? (entry as Record<string, unknown>) : {};
  const keys = Object.keys(selector);
  if (keys.length === 1 && typeof selector.key === "string" && selector.key !== "") return { key: selector.key };
  if (keys.length === 1 && typeof selector.name === "string" && selector.name !== "") return { name: selector.name };
  throw new MfaPolicyError(`The MFA policy's clients has ${JSON.stringify(entry)}; each client is { key } or { name }.`);
}
