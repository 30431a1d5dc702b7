import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { discoverWithOpenidClient } from "../../../tests/support/openid-client";

let tenant: TestTenant;
let metadata: oidc.ServerMetadata;

beforeAll(async () => {
  tenant = await startTestTenant();
  metadata = (await discoverWithOpenidClient(await registerWebApp(tenant))).serverMetadata();
});
afterAll(async () => {
  await tenant.stop();
});

describe("discovery lists what the tenant serves, no more (openid-client 6)", () => {
  it("names only endpoints that answer", async () => {
    const http = new HttpClient();
    const endpoints = {
      authorization_endpoint: "GET",
      token_endpoint: "POST",
      userinfo_endpoint: "GET",
      jwks_uri: "GET",
      end_session_endpoint: "GET",
      revocation_endpoint: "POST",
    } as const;
    for (const [name, method] of Object.entries(endpoints)) {
      const url = metadata[name as keyof typeof endpoints];
      if (!url) throw new Error(`discovery lacks ${name}`);
      const response = method === "GET" ? await http.get(url) : await http.postForm(url, {});
      expect([name, response.status === 404 || response.status === 405 || response.status >= 500]).toEqual([name, false]);
    }
  });

  it("lists none of the endpoints Auth0 has and the tenant does not emulate", () => {
    for (const name of ["device_authorization_endpoint", "mfa_challenge_endpoint", "registration_endpoint", "pushed_authorization_request_endpoint", "backchannel_authentication_endpoint"]) {
      expect(metadata).not.toHaveProperty(name);
    }
    expect(metadata.grant_types_supported).toEqual([
      "authorization_code",
      "refresh_token",
      "client_credentials",
      "password",
      "http://auth0.com/oauth/grant-type/password-realm",
    ]);
    expect(metadata.response_types_supported).toEqual(["code", "id_token", "token", "id_token token", "code id_token", "code token", "code id_token token"]);
    expect(metadata.response_modes_supported).toEqual(["query", "fragment", "form_post", "web_message"]);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256", "plain"]);
  });

  it("answers those endpoints with 501 not_emulated, saying what is missing", async () => {
    const http = new HttpClient();
    for (const path of ["oauth/device/code", "mfa/challenge", "mfa/associate", "oidc/register", "dbconnections/signup", "oauth/par", "passwordless/start", "co/authenticate", "oauth/ro"]) {
      const response = await http.postForm(`${tenant.issuer}${path}`, {});
      expect([path, response.status]).toEqual([path, 501]);
      expect(response.json()).toEqual({ error: "not_emulated", error_description: expect.stringMatching(/^The local tenant does not emulate .+ \(\/.+\)\.$/) });
    }
    for (const path of ["mfa/authenticators", "samlp/metadata"]) {
      const response = await http.get(`${tenant.issuer}${path}`);
      expect([path, response.status, response.json<{ error: string }>().error]).toEqual([path, 501, "not_emulated"]);
    }
  });
});
