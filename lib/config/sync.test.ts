import { describe, expect, it } from "vitest";
import { parseSyncConfig } from "./sync";

const SECRET = "s".repeat(32);

describe("parseSyncConfig", () => {
  it("targets the local tenant when no tenant is configured, with the app defaults", () => {
    expect(parseSyncConfig({})).toEqual({
      target: { kind: "local", port: 4000, dataDir: ".data/local-tenant", tlsPort: 4443, https: false },
      appBaseUrl: "http://127.0.0.1:3000",
      claimNamespace: "https://product-xyz.example/",
      appSecrets: {},
      requiredClaims: { groups: false, businessData: false },
    });
  });

  it("makes claims required from GROUPS_REQUIRED and BUSINESS_DATA_REQUIRED, and names a value that is neither", () => {
    expect(parseSyncConfig({ GROUPS_REQUIRED: "true" }).requiredClaims).toEqual({ groups: true, businessData: false });
    expect(parseSyncConfig({ BUSINESS_DATA_REQUIRED: "true", GROUPS_REQUIRED: "false" }).requiredClaims).toEqual({ groups: false, businessData: true });
    expect(() => parseSyncConfig({ GROUPS_REQUIRED: "yes" })).toThrow(
      expect.objectContaining({ code: "ERR_CONFIG_INVALID", message: expect.stringContaining("GROUPS_REQUIRED must be true or false") }),
    );
  });

  it("targets the local tenant for AUTH0_DOMAIN=http://localhost:PORT, on its TLS port", () => {
    const config = parseSyncConfig({ AUTH0_DOMAIN: "http://localhost:4000", LOCAL_TENANT_TLS_PORT: "5443", LOCAL_TENANT_DATA_DIR: "/tmp/t" });
    expect(config.target).toEqual({ kind: "local", port: 4000, dataDir: "/tmp/t", tlsPort: 5443, https: false });
  });

  it("targets the local tenant's https mode for AUTH0_DOMAIN=localhost:PORT, a bare host as for Auth0", () => {
    expect(parseSyncConfig({ AUTH0_DOMAIN: "localhost:5443" }).target).toEqual({
      kind: "local",
      port: 5443,
      dataDir: ".data/local-tenant",
      tlsPort: 4443,
      https: true,
    });
  });

  it("targets a real tenant by host name, with the management credentials", () => {
    const config = parseSyncConfig({
      AUTH0_DOMAIN: "https://dev-xyz.eu.auth0.com",
      AUTH0_MANAGEMENT_CLIENT_ID: "id",
      AUTH0_MANAGEMENT_CLIENT_SECRET: "secret",
      APP_BASE_URL: "https://xyz.ngrok.app/",
    });
    expect(config.target).toEqual({ kind: "auth0", domain: "dev-xyz.eu.auth0.com", clientId: "id", clientSecret: "secret" });
    expect(config.appBaseUrl).toBe("https://xyz.ngrok.app");
    expect(parseSyncConfig({ PORT: "3200" }).appBaseUrl).toBe("http://127.0.0.1:3200");
    expect(parseSyncConfig({ AUTH0_DOMAIN: "dev-xyz.eu.auth0.com", AUTH0_MANAGEMENT_CLIENT_ID: "i", AUTH0_MANAGEMENT_CLIENT_SECRET: "s" }).target)
      .toMatchObject({ domain: "dev-xyz.eu.auth0.com" });
  });

  it("names the missing management credentials of a real tenant", () => {
    expect(() => parseSyncConfig({ AUTH0_DOMAIN: "dev-xyz.eu.auth0.com", AUTH0_MANAGEMENT_CLIENT_ID: "" })).toThrow(
      expect.objectContaining({
        code: "ERR_CONFIG_INVALID",
        message: expect.stringMatching(/AUTH0_MANAGEMENT_CLIENT_ID is required[\s\S]*AUTH0_MANAGEMENT_CLIENT_SECRET is required/),
      }),
    );
  });

  it("refuses plain http for a real tenant, a short secret and a namespace without slash, without echoing values", () => {
    let message = "";
    try {
      parseSyncConfig({ AUTH0_DOMAIN: "http://dev.auth0.com", REDIRECT_TOKEN_SECRET: "too-short-secret", CLAIM_NAMESPACE: "https://x.example" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/AUTH0_DOMAIN must use https/);
    expect(message).toMatch(/REDIRECT_TOKEN_SECRET must be at least 32 bytes/);
    expect(message).toMatch(/CLAIM_NAMESPACE must end with a slash/);
    expect(message).not.toContain("too-short-secret");
  });

  it("reports the app secrets that exist, and treats empty ones as unset", () => {
    expect(parseSyncConfig({ AUTH0_SECRET: SECRET, CONSENT_COOKIE_SECRET: "" }).appSecrets).toEqual({ AUTH0_SECRET: SECRET });
  });

  it("refuses a TLS port that is not a port", () => {
    expect(() => parseSyncConfig({ LOCAL_TENANT_TLS_PORT: "http" })).toThrow(/LOCAL_TENANT_TLS_PORT must be a port number/);
  });
});
