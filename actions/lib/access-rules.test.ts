import { describe, expect, it } from "vitest";
import { type AccessRule, evaluateAccessRules, type LoginFacts, loginFacts } from "./access-rules";
import { AccessRulesError, parseAccessRules } from "./parse-access-rules";

const SATURDAY_NOON_UTC = new Date("2026-11-21T12:00:00Z");
const MONDAY_NOON_UTC = new Date("2026-11-23T12:00:00Z");

function facts(overrides: Partial<LoginFacts> = {}): LoginFacts {
  return {
    email: "ada@example.com",
    client: { id: "c1", name: "Product XYZ", key: "product-xyz-app" },
    roles: [],
    now: MONDAY_NOON_UTC,
    ...overrides,
  };
}

const contractors: AccessRule = {
  id: "no-contractors",
  kind: "deny_email_domains",
  clients: [{ key: "product-xyz-app" }],
  domains: ["Contractors.example"],
  reason: "email_domain_not_allowed",
};
const apiForAuditors: AccessRule = {
  id: "api-for-auditors",
  kind: "deny_audience_to_users",
  audience: "https://api.product-xyz.example",
  exceptRoles: ["consent-auditor"],
  reason: "api_not_for_end_users",
};
const payrollWeekdays: AccessRule = {
  id: "payroll-weekdays",
  kind: "weekdays_only",
  clients: [{ name: "Payroll" }],
  timeZone: "Pacific/Auckland",
  reason: "weekdays_only",
};
const rules = [contractors, apiForAuditors, payrollWeekdays];

describe("evaluateAccessRules", () => {
  it("allows a login no rule refuses", () => {
    expect(evaluateAccessRules(rules, facts())).toEqual({ allowed: true });
    expect(evaluateAccessRules([], facts())).toEqual({ allowed: true });
  });

  it("denies an email domain, and its subdomains, whatever the case, for the application named", () => {
    const denied = { allowed: false, ruleId: "no-contractors", reason: "email_domain_not_allowed" };
    expect(evaluateAccessRules(rules, facts({ email: "bob@contractors.example" }))).toEqual(denied);
    expect(evaluateAccessRules(rules, facts({ email: "Bob@EU.Contractors.Example" }))).toEqual(denied);
    expect(evaluateAccessRules(rules, facts({ email: "bob@notcontractors.example" }))).toEqual({ allowed: true });
    expect(evaluateAccessRules(rules, facts({ email: "contractors.example@example.com" }))).toEqual({ allowed: true });
  });

  it("compares domains in one canonical form: trailing dot, case, internationalised names", () => {
    const denied = { allowed: false, ruleId: "no-contractors", reason: "email_domain_not_allowed" };
    for (const email of ["x@contractors.example.", "x@CONTRACTORS.EXAMPLE..", "x@eu.contractors.example.", "x@ｃｏｎｔｒａｃｔｏｒｓ.example", "x@contractors。example"]) {
      expect(evaluateAccessRules(rules, facts({ email })), email).toEqual(denied);
    }
    const books: AccessRule = { ...contractors, domains: ["Bücher.example."] };
    expect(evaluateAccessRules([books], facts({ email: "x@xn--bcher-kva.example" }))).toEqual(denied);
    expect(evaluateAccessRules([books], facts({ email: "x@BÜCHER.example" }))).toEqual(denied);
    expect(evaluateAccessRules([books], facts({ email: "x@bucher.example" }))).toEqual({ allowed: true });
  });

  it("denies an email whose domain is not a host name, so no spelling slips past the list", () => {
    for (const email of ["x@", "x@contractors..example", "x@contractors.example\u0000", "x@contractors.example/", "no-at-sign"]) {
      expect(evaluateAccessRules([contractors], facts({ email })), JSON.stringify(email)).toMatchObject({ allowed: false });
    }
    expect(evaluateAccessRules([contractors], facts({ email: undefined }))).toEqual({ allowed: true });
  });

  it("applies a rule only to its applications: by sync key or by name", () => {
    const otherApp = { id: "c2", name: "Partner portal" };
    expect(evaluateAccessRules(rules, facts({ email: "bob@contractors.example", client: otherApp }))).toEqual({ allowed: true });
    expect(evaluateAccessRules([{ ...contractors, clients: [{ name: "Partner portal" }] }], facts({ email: "bob@contractors.example", client: otherApp }))).toMatchObject({ allowed: false });
    const { clients: _clients, ...everywhere } = contractors;
    expect(evaluateAccessRules([everywhere], facts({ email: "bob@contractors.example", client: otherApp }))).toMatchObject({ allowed: false });
  });

  it("denies end users a token for the API, but users with an excepted role", () => {
    const asking = facts({ audience: "https://api.product-xyz.example" });
    expect(evaluateAccessRules(rules, asking)).toEqual({ allowed: false, ruleId: "api-for-auditors", reason: "api_not_for_end_users" });
    expect(evaluateAccessRules(rules, { ...asking, roles: ["staff", "consent-auditor"] })).toEqual({ allowed: true });
    expect(evaluateAccessRules(rules, facts({ audience: "https://other.example" }))).toEqual({ allowed: true });
  });

  it("allows an application on weekdays only, in its time zone", () => {
    const payroll = { id: "c3", name: "Payroll" };
    expect(evaluateAccessRules(rules, facts({ client: payroll, now: SATURDAY_NOON_UTC }))).toEqual({
      allowed: false,
      ruleId: "payroll-weekdays",
      reason: "weekdays_only",
    });
    expect(evaluateAccessRules(rules, facts({ client: payroll, now: MONDAY_NOON_UTC }))).toEqual({ allowed: true });
    // Friday 20:00 UTC is already Saturday 09:00 in Auckland.
    expect(evaluateAccessRules(rules, facts({ client: payroll, now: new Date("2026-11-20T20:00:00Z") }))).toMatchObject({ allowed: false });
    expect(evaluateAccessRules(rules, facts({ now: SATURDAY_NOON_UTC }))).toEqual({ allowed: true });
  });

  it("answers with the first rule that denies, in order", () => {
    const both = facts({ email: "bob@contractors.example", audience: "https://api.product-xyz.example" });
    expect(evaluateAccessRules(rules, both)).toMatchObject({ ruleId: "no-contractors" });
    expect(evaluateAccessRules([apiForAuditors, contractors], both)).toMatchObject({ ruleId: "api-for-auditors" });
  });

  it("takes the facts from the event", () => {
    const event = {
      user: { user_id: "auth0|1", email: "ada@example.com", app_metadata: {}, user_metadata: {} },
      client: { client_id: "c1", name: "Product XYZ", metadata: { tenant_sync_key: "product-xyz-app" } },
      request: { hostname: "localhost:4000", ip: "127.0.0.1" },
      authorization: { roles: ["admin"] },
      resource_server: { identifier: "https://api.product-xyz.example" },
      secrets: {},
    };
    expect(loginFacts(event, MONDAY_NOON_UTC)).toEqual({
      email: "ada@example.com",
      client: { id: "c1", name: "Product XYZ", key: "product-xyz-app" },
      audience: "https://api.product-xyz.example",
      roles: ["admin"],
      now: MONDAY_NOON_UTC,
    });
  });
});

describe("parseAccessRules", () => {
  it("reads back what JSON.stringify wrote", () => {
    expect(parseAccessRules(JSON.stringify(rules))).toEqual(rules);
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["not a list", "{}", /must be a JSON array/],
    ["an unknown kind", JSON.stringify([{ ...contractors, kind: "deny_everyone" }]), /kind must be one of/],
    ["a reason that is not a code", JSON.stringify([{ ...contractors, reason: "Go away!" }]), /reason must match/],
    ["no domains", JSON.stringify([{ ...contractors, domains: [] }]), /domains must not be empty/],
    ["a domain that is not a host name", JSON.stringify([{ ...contractors, domains: ["contractors..example"] }]), /"contractors\.\.example" is not a domain name/],
    ["a client with key and name", JSON.stringify([{ ...contractors, clients: [{ key: "a", name: "b" }] }]), /each client is \{ key \} or \{ name \}/],
    ["an unknown time zone", JSON.stringify([{ ...payrollWeekdays, timeZone: "Mars/Olympus" }]), /not an IANA time zone/],
    ["two rules with one id", JSON.stringify([contractors, contractors]), /Two access rules have the id "no-contractors"/],
    ["a rule without audience", JSON.stringify([{ ...apiForAuditors, audience: "" }]), /audience must be a non-empty string/],
  ])("refuses %s", (_name, json, message) => {
    expect(() => parseAccessRules(json)).toThrow(AccessRulesError);
    expect(() => parseAccessRules(json)).toThrow(message);
  });
});
