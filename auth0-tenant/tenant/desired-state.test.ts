import { PRODUCT_API } from "../../contract/product-api";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAccessRules } from "../../actions/lib/parse-access-rules";
import { currentVersionOf, termsDocuments } from "../../lib/terms/documents";
import { ACCESS_POLICIES, type AccessPolicy } from "./access-policies";
import { actionName, actionSourceFiles } from "../tooling/bundle-actions";
import {
  ACCESS_POLICY_ACTION,
  APP_CLIENT_KEY,
  BUSINESS_DATA_ACTION,
  BUSINESS_DATA_CLIENT_KEY,
  GROUPS_ACTION,
  GROUPS_CLIENT_KEY,
  MFA_POLICY_ACTION,
  PROFILE_COMPLETION_ACTION,
  ROLES_ACTION,
  TERMS_OF_USE_ACTION,
  desiredState,
} from "./desired-state";
import type { DesiredAction } from "./desired-state-types";
import { MFA_POLICY } from "./mfa-policy";
import { DesiredStateError } from "./validate-desired-state";

const inputs = {
  appBaseUrl: "https://app.example.com/",
  tenantUrl: "https://acme.eu.auth0.com/",
  claimNamespace: "https://product-xyz.example/",
  redirectTokenSecret: "r".repeat(64),
  termsVersion: currentVersionOf(termsDocuments()),
};

/** The code (comments removed) of a source file and of every local module it imports, each once. */
function sourcesOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const imports = [...source.matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((match) => path.resolve(path.dirname(file), `${match[1]}.ts`));
  return [source, ...imports.filter(existsSync).flatMap((imported) => sourcesOf(imported, seen))];
}

/** Literal secrets by name, and the client credential a secret comes from as `client-key.field`. */
function secretsOf(action: DesiredAction | undefined): Record<string, string> {
  return Object.fromEntries(
    (action?.secrets ?? []).map((secret) => [
      secret.name,
      "fromClient" in secret ? `${secret.fromClient.key}.${secret.fromClient.field}` : secret.value,
    ]),
  );
}

describe("desired state", () => {
  const state = desiredState(inputs);
  const action = (name: string) => state.actions.find((candidate) => candidate.name === name);

  it("declares the terms Action on post-login v3, node22, with the secrets it reads", () => {
    expect(action(TERMS_OF_USE_ACTION)).toMatchObject({ runtime: "node22", trigger: { id: "post-login", version: "v3" }, dependencies: [] });
    expect(secretsOf(action(TERMS_OF_USE_ACTION))).toEqual({
      REDIRECT_TOKEN_SECRET: "r".repeat(64),
      TERMS_VERSION: "2",
      APP_BASE_URL: "https://app.example.com",
      CLAIM_NAMESPACE: "https://product-xyz.example/",
      PROFILE_FIELDS: "favorite_color",
    });
  });

  it("gives the groups Action the tenant, the groups client's credentials, and an optional claim by default", () => {
    expect(secretsOf(action(GROUPS_ACTION))).toEqual({
      TENANT_URL: "https://acme.eu.auth0.com",
      CLIENT_ID: `${GROUPS_CLIENT_KEY}.client_id`,
      CLIENT_SECRET: `${GROUPS_CLIENT_KEY}.client_secret`,
      CLAIM_NAMESPACE: "https://product-xyz.example/",
      GROUPS_REQUIRED: "false",
    });
  });

  it("gives the business-data Action the tenant, its client's credentials, the API and the app", () => {
    expect(secretsOf(action(BUSINESS_DATA_ACTION))).toEqual({
      TENANT_URL: "https://acme.eu.auth0.com",
      CLIENT_ID: `${BUSINESS_DATA_CLIENT_KEY}.client_id`,
      CLIENT_SECRET: `${BUSINESS_DATA_CLIENT_KEY}.client_secret`,
      API_AUDIENCE: PRODUCT_API.identifier,
      APP_BASE_URL: "https://app.example.com",
      CLAIM_NAMESPACE: "https://product-xyz.example/",
      BUSINESS_DATA_REQUIRED: "false",
    });
  });

  it("makes a claim required on request", () => {
    const strict = desiredState({ ...inputs, requiredClaims: { groups: true, businessData: true } });
    const flag = (name: string, secret: string) => secretsOf(strict.actions.find((candidate) => candidate.name === name))[secret];
    expect(flag(GROUPS_ACTION, "GROUPS_REQUIRED")).toBe("true");
    expect(flag(BUSINESS_DATA_ACTION, "BUSINESS_DATA_REQUIRED")).toBe("true");
  });

  it("gives the access-policy Action the rules of access-policies.ts, without their texts", () => {
    const rules = parseAccessRules(secretsOf(action(ACCESS_POLICY_ACTION)).ACCESS_POLICIES ?? "");
    expect(rules).toEqual(ACCESS_POLICIES);
    expect(secretsOf(action(ROLES_ACTION))).toEqual({ CLAIM_NAMESPACE: "https://product-xyz.example/" });
  });

  it("gives each Action exactly the secrets its source reads, its own helpers included", () => {
    for (const declared of state.actions) {
      const read = new Set(
        sourcesOf(declared.sourceFile).flatMap((source) =>
          // Required (`requireSecret`) or optional (`event.secrets.NAME`): both are secrets the Action reads.
          [...source.matchAll(/requireSecret\(event\.secrets, "([A-Z_]+)"\)|event\.secrets\.([A-Z_]+)/g)].map((match) => match[1] ?? match[2]),
        ),
      );
      expect(new Set(declared.secrets.map((secret) => secret.name)), declared.name).toEqual(read);
    }
  });

  it("declares every Action of actions/ and nothing else", () => {
    expect(state.actions.map((declared) => declared.name).sort()).toEqual(actionSourceFiles().map(actionName).sort());
    for (const declared of state.actions) expect(existsSync(declared.sourceFile)).toBe(true);
  });

  it("binds the access policy first, then the login steps in their configured order, before every Action that hands out data", () => {
    expect(state.postLoginBindings).toEqual([
      ACCESS_POLICY_ACTION,
      MFA_POLICY_ACTION,
      TERMS_OF_USE_ACTION,
      PROFILE_COMPLETION_ACTION,
      GROUPS_ACTION,
      ROLES_ACTION,
      BUSINESS_DATA_ACTION,
    ]);
    const names = new Set(state.actions.map((declared) => declared.name));
    expect(state.postLoginBindings.every((name) => names.has(name))).toBe(true);
  });

  it("registers the app's callback, logout URL and origin from the base URL", () => {
    const app = state.clients.find((client) => client.key === APP_CLIENT_KEY);
    expect(app).toEqual({
      key: APP_CLIENT_KEY,
      name: "Product XYZ",
      app_type: "regular_web",
      callbacks: ["https://app.example.com/auth/callback"],
      allowed_logout_urls: ["https://app.example.com"],
      web_origins: ["https://app.example.com"],
      grant_types: ["authorization_code", "refresh_token"],
      token_endpoint_auth_method: "client_secret_post",
    });
  });

  it("grants the business-data client read:users on the product API, and the groups client read:users on the Management API", () => {
    expect(state.resourceServers.map((server) => server.identifier)).toEqual([PRODUCT_API.identifier]);
    for (const key of [BUSINESS_DATA_CLIENT_KEY, GROUPS_CLIENT_KEY]) {
      expect(state.clients.find((client) => client.key === key)).toMatchObject({
        app_type: "non_interactive",
        grant_types: ["client_credentials"],
      });
    }
    expect(state.clientGrants).toEqual([
      { clientKey: BUSINESS_DATA_CLIENT_KEY, audience: PRODUCT_API.identifier, scope: ["read:users"] },
      { clientKey: GROUPS_CLIENT_KEY, audience: "https://acme.eu.auth0.com/api/v2/", scope: ["read:users"] },
    ]);
  });

  it("takes the local tenant's Management API audience from its URL", () => {
    const local = desiredState({ ...inputs, tenantUrl: "http://localhost:4000" });
    expect(local.clientGrants.find((grant) => grant.clientKey === GROUPS_CLIENT_KEY)?.audience).toBe("http://localhost:4000/api/v2/");
    expect(secretsOf(local.actions.find((candidate) => candidate.name === GROUPS_ACTION)).TENANT_URL).toBe("http://localhost:4000");
  });

  it("is the same for the same inputs", () => {
    expect(desiredState(inputs)).toEqual(state);
  });

  it("refuses access rules whose secret would exceed Auth0's 4096 characters", () => {
    const many: AccessPolicy[] = Array.from({ length: 60 }, (_, index) => ({
      id: `rule-${index}`,
      kind: "deny_email_domains",
      domains: [`domain-${index}.example`],
      reason: "email_domain_not_allowed",
    }));
    expect(() => desiredState({ ...inputs, accessPolicies: many })).toThrow(DesiredStateError);
    expect(() => desiredState({ ...inputs, accessPolicies: many })).toThrow(/access-policy: secret ACCESS_POLICIES has \d+ characters; Auth0 allows 4096/);
  });

  it("refuses access rules the Action could not read", () => {
    const bad = [{ ...ACCESS_POLICIES[0]!, reason: "Not A Code" }] as AccessPolicy[];
    expect(() => desiredState({ ...inputs, accessPolicies: bad })).toThrow(/reason must match/);
  });

  it("refuses an MFA policy the Action would refuse", () => {
    expect(() => desiredState({ ...inputs, mfaPolicy: { ...MFA_POLICY, countries: ["France"] } })).toThrow(DesiredStateError);
    expect(() => desiredState({ ...inputs, mfaPolicy: { ...MFA_POLICY, countries: ["France"] } })).toThrow(/mfa-policy: The MFA policy's countries has "France"/);
  });

  it("refuses an MFA policy over the secret size limit", () => {
    const roles = Array.from({ length: 400 }, (_, index) => `role-number-${index}`);
    expect(() => desiredState({ ...inputs, mfaPolicy: { ...MFA_POLICY, roles } })).toThrow(
      /mfa-policy: secret MFA_POLICY has \d+ characters; Auth0 allows 4096/,
    );
  });

  it("reports every problem at once, whichever part of the tenant it comes from", () => {
    let thrown: unknown;
    try {
      desiredState({ ...inputs, mfaPolicy: { ...MFA_POLICY, countries: ["France"] }, profileFields: ["shoe_size"] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DesiredStateError);
    expect((thrown as DesiredStateError).problems).toEqual([
      expect.stringMatching(/^mfa-policy: The MFA policy's countries has "France"/),
      "profile-completion: Unknown profile fields in auth0-tenant/tenant/login-steps.ts: shoe_size",
    ]);
  });
});

describe("login steps", () => {
  it("gives the profile Action the configured fields", () => {
    const state = desiredState({
      appBaseUrl: "http://127.0.0.1:3000",
      tenantUrl: "http://localhost:4000",
      claimNamespace: "https://product-xyz.example/",
      redirectTokenSecret: "s".repeat(32),
      termsVersion: 2,
      profileFields: ["company", "country"],
    });
    const profile = state.actions.find((declared) => declared.name === PROFILE_COMPLETION_ACTION);
    expect(profile?.secrets).toContainEqual({ name: "PROFILE_FIELDS", value: "company,country" });
  });

  it("refuses a profile field the app cannot ask for", () => {
    expect(() => desiredState({ ...inputs, profileFields: ["shoe_size"] })).toThrow(DesiredStateError);
    expect(() => desiredState({ ...inputs, profileFields: ["shoe_size"] })).toThrow(
      "profile-completion: Unknown profile fields in auth0-tenant/tenant/login-steps.ts: shoe_size",
    );
  });

  it("refuses a profile step that asks for no field", () => {
    expect(() => desiredState({ ...inputs, profileFields: [] })).toThrow(/profile-completion: .* asks for no profile field/);
  });
});
