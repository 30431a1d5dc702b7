import { describe, expect, it } from "vitest";
import { decideMfa, mfaFacts, type MfaFacts, type MfaPolicy } from "./lib/mfa-rules";
import { MfaPolicyError, parseMfaPolicy } from "./lib/parse-mfa-policy";
import type { MfaPostLoginApi, MfaPostLoginEvent } from "../contract/post-login";
import { onExecutePostLogin } from "./mfa-policy";

const POLICY: MfaPolicy = {
  countries: ["FR"],
  continents: ["OC"],
  roles: ["admin"],
  clients: [{ key: "payroll-app" }, { name: "Back office" }],
};

function facts(overrides: Partial<MfaFacts> = {}): MfaFacts {
  return {
    protocol: "oidc-basic-profile",
    mfaPassed: false,
    countryCode: "US",
    continentCode: "NA",
    roles: ["editor"],
    client: { id: "app-client", name: "Product XYZ", key: "product-xyz-app" },
    ...overrides,
  };
}

describe("decideMfa", () => {
  it("challenges a login from a listed country", () => {
    expect(decideMfa(POLICY, facts({ countryCode: "FR", continentCode: "EU" }))).toEqual({ challenge: true, reason: "country FR" });
  });

  it("challenges a login from a listed continent", () => {
    expect(decideMfa(POLICY, facts({ countryCode: "NZ", continentCode: "OC" }))).toEqual({ challenge: true, reason: "continent OC" });
  });

  it("challenges a user with a listed role", () => {
    expect(decideMfa(POLICY, facts({ roles: ["editor", "admin"] }))).toEqual({ challenge: true, reason: "role admin" });
  });

  it("challenges every login to a listed client, by sync key or by name", () => {
    const payroll = { id: "c2", name: "Payroll", key: "payroll-app" };
    expect(decideMfa(POLICY, facts({ client: payroll }))).toEqual({ challenge: true, reason: "client payroll-app" });
    expect(decideMfa(POLICY, facts({ client: { id: "c3", name: "Back office" } }))).toEqual({
      challenge: true,
      reason: 'client "Back office"',
    });
  });

  it("lets through a login that matches nothing, and a login whose location is unknown", () => {
    expect(decideMfa(POLICY, facts())).toEqual({ challenge: false, reason: "no_rule_matches" });
    const { countryCode: _country, continentCode: _continent, ...nowhere } = facts();
    expect(decideMfa(POLICY, nowhere)).toEqual({ challenge: false, reason: "no_rule_matches" });
  });

  it("skips refresh-token exchanges, even from a listed country", () => {
    expect(decideMfa(POLICY, facts({ protocol: "oauth2-refresh-token", countryCode: "FR" }))).toEqual({
      challenge: false,
      reason: "refresh_token_exchange",
    });
  });

  it("does not skip other back-channel grants: a password alone must not bypass the policy", () => {
    expect(decideMfa(POLICY, facts({ protocol: "oauth2-password", countryCode: "FR" })).challenge).toBe(true);
  });

  it("skips a session that already passed MFA", () => {
    expect(decideMfa(POLICY, facts({ mfaPassed: true, countryCode: "FR" }))).toEqual({ challenge: false, reason: "mfa_already_passed" });
  });

  it("challenges every interactive login when the policy is unreadable, still skipping refreshes", () => {
    expect(decideMfa("unreadable", facts())).toEqual({ challenge: true, reason: "the policy is unreadable" });
    expect(decideMfa("unreadable", facts({ protocol: "oauth2-refresh-token" })).challenge).toBe(false);
  });
});

function event(overrides: { geoip?: Record<string, string>; methods?: string[]; protocol?: string; roles?: string[]; secret?: string } = {}): MfaPostLoginEvent {
  return {
    user: { user_id: "auth0|u1", email: "u1@example.com", app_metadata: {}, user_metadata: {} },
    client: { client_id: "app-client", name: "Product XYZ", metadata: { tenant_sync_key: "product-xyz-app" } },
    request: { hostname: "acme.eu.auth0.com", ip: "192.0.2.1", geoip: overrides.geoip ?? { countryCode: "US", continentCode: "NA" } },
    transaction: { protocol: overrides.protocol ?? "oidc-basic-profile" },
    authorization: { roles: overrides.roles ?? [] },
    authentication: {
      methods: (overrides.methods ?? ["pwd"]).map((name) => ({ name, timestamp: "2030-01-01T00:00:00.000Z" })),
    },
    secrets: { MFA_POLICY: overrides.secret ?? JSON.stringify(POLICY) },
  };
}

describe("mfaFacts", () => {
  it("reads the protocol, the geoip codes (upper case), the roles, the client and whether MFA was passed", () => {
    expect(mfaFacts(event({ geoip: { countryCode: "fr", continentCode: "eu" }, methods: ["pwd", "mfa"], roles: ["admin"] }))).toEqual({
      protocol: "oidc-basic-profile",
      mfaPassed: true,
      countryCode: "FR",
      continentCode: "EU",
      roles: ["admin"],
      client: { id: "app-client", name: "Product XYZ", key: "product-xyz-app" },
    });
  });

  it("copes with an event that has no geoip, authorization or authentication", () => {
    const { authorization: _a, authentication: _b, ...bare } = event();
    expect(mfaFacts({ ...bare, request: { hostname: "acme.eu.auth0.com", ip: "192.0.2.1" } })).toMatchObject({
      mfaPassed: false,
      roles: [],
    });
  });
});

describe("parseMfaPolicy", () => {
  it("reads a valid policy", () => {
    expect(parseMfaPolicy(JSON.stringify(POLICY))).toEqual(POLICY);
  });

  it.each([
    ["not JSON", "{", "not valid JSON"],
    ["an array", "[]", "must be a JSON object"],
    ["a misspelt list", JSON.stringify({ ...POLICY, countrys: ["FR"] }), "unknown keys: countrys"],
    ["a missing list", JSON.stringify({ countries: [], continents: [], roles: [] }), "clients must be a list"],
    ["a lower-case country", JSON.stringify({ ...POLICY, countries: ["fr"] }), 'countries has "fr"'],
    ["an unknown continent", JSON.stringify({ ...POLICY, continents: ["EUROPE"] }), 'continents has "EUROPE"'],
    ["an empty role", JSON.stringify({ ...POLICY, roles: [""] }), 'roles has ""'],
    ["a client with both key and name", JSON.stringify({ ...POLICY, clients: [{ key: "a", name: "b" }] }), "each client is { key } or { name }"],
  ])("refuses %s", (_case, json, message) => {
    expect(() => parseMfaPolicy(json)).toThrow(MfaPolicyError);
    expect(() => parseMfaPolicy(json)).toThrow(message);
  });
});

/** Records the `api.multifactor.enable` calls; the Action uses nothing else of Auth0's `api`. */
function recordingApi() {
  const calls: unknown[][] = [];
  const api = {
    multifactor: { enable: (provider: string, options?: unknown) => (calls.push([provider, options]), api) },
  } as unknown as MfaPostLoginApi;
  return { api, calls };
}

describe("mfa-policy Action", () => {
  it("enables MFA with any factor and without remembering the browser when the policy matches", async () => {
    const { api, calls } = recordingApi();
    await onExecutePostLogin(event({ geoip: { countryCode: "FR" } }), api);
    expect(calls).toEqual([["any", { allowRememberBrowser: false }]]);
  });

  it("does nothing when the policy does not match, on a refresh, or after MFA in this session", async () => {
    const { api, calls } = recordingApi();
    await onExecutePostLogin(event(), api);
    await onExecutePostLogin(event({ geoip: { countryCode: "FR" }, protocol: "oauth2-refresh-token" }), api);
    await onExecutePostLogin(event({ geoip: { countryCode: "FR" }, methods: ["pwd", "mfa"] }), api);
    expect(calls).toEqual([]);
  });

  it("fails closed on an unreadable policy: the login is challenged", async () => {
    const { api, calls } = recordingApi();
    await onExecutePostLogin(event({ secret: '{"countries":"FR"}' }), api);
    expect(calls).toEqual([["any", { allowRememberBrowser: false }]]);
  });

  it("fails the login when the secret is missing (a deploy without the sync)", async () => {
    const { api } = recordingApi();
    await expect(onExecutePostLogin({ ...event(), secrets: {} }, api)).rejects.toThrow("MFA_POLICY is not set");
  });
});
