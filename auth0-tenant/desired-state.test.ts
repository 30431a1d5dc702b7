import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentVersionOf, termsDocuments } from "../lib/terms/documents";
import { actionName, actionSourceFiles } from "./bundle-actions";
import {
  APP_CLIENT_KEY,
  BUSINESS_DATA_CLIENT_KEY,
  PRODUCT_API_IDENTIFIER,
  TERMS_OF_USE_ACTION,
  desiredState,
} from "./desired-state";

const inputs = {
  appBaseUrl: "https://app.example.com/",
  claimNamespace: "https://product-xyz.example/",
  redirectTokenSecret: "r".repeat(64),
  termsVersion: currentVersionOf(termsDocuments()),
};

describe("desired state", () => {
  const state = desiredState(inputs);

  it("declares the terms Action on post-login v3, node22, with the secrets it reads", () => {
    const action = state.actions.find((candidate) => candidate.name === TERMS_OF_USE_ACTION);
    expect(action).toMatchObject({ runtime: "node22", trigger: { id: "post-login", version: "v3" }, dependencies: [] });
    expect(Object.fromEntries(action?.secrets.map((secret) => [secret.name, secret.value]) ?? [])).toEqual({
      REDIRECT_TOKEN_SECRET: "r".repeat(64),
      TERMS_VERSION: "2",
      APP_BASE_URL: "https://app.example.com",
      CLAIM_NAMESPACE: "https://product-xyz.example/",
    });
  });

  it("gives each Action exactly the secrets its source reads", () => {
    for (const action of state.actions) {
      const source = readFileSync(action.sourceFile, "utf8");
      const read = new Set([...source.matchAll(/requireSecret\(event\.secrets, "([A-Z_]+)"\)/g)].map((match) => match[1]));
      expect(new Set(action.secrets.map((secret) => secret.name)), action.name).toEqual(read);
    }
  });

  it("declares every Action of actions/ and nothing else", () => {
    expect(state.actions.map((action) => action.name).sort()).toEqual(actionSourceFiles().map(actionName).sort());
    for (const action of state.actions) expect(existsSync(action.sourceFile)).toBe(true);
  });

  it("binds only declared Actions, each once, terms first", () => {
    const names = new Set(state.actions.map((action) => action.name));
    expect(state.postLoginBindings[0]).toBe(TERMS_OF_USE_ACTION);
    expect(state.postLoginBindings.every((name) => names.has(name))).toBe(true);
    expect(new Set(state.postLoginBindings).size).toBe(state.postLoginBindings.length);
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

  it("grants the business-data machine client read:users on the product API", () => {
    expect(state.resourceServers.map((server) => server.identifier)).toEqual([PRODUCT_API_IDENTIFIER]);
    expect(state.clients.find((client) => client.key === BUSINESS_DATA_CLIENT_KEY)).toMatchObject({
      app_type: "non_interactive",
      grant_types: ["client_credentials"],
    });
    expect(state.clientGrants).toEqual([
      { clientKey: BUSINESS_DATA_CLIENT_KEY, audience: PRODUCT_API_IDENTIFIER, scope: ["read:users"] },
    ]);
    const keys = new Set(state.clients.map((client) => client.key));
    expect(state.clientGrants.every((grant) => keys.has(grant.clientKey))).toBe(true);
  });

  it("is the same for the same inputs", () => {
    expect(desiredState(inputs)).toEqual(state);
  });
});
