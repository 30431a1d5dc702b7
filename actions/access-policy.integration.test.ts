import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_POLICIES, accessRulesSecret } from "../auth0-tenant/tenant/access-policies";
import { bundleAction } from "../auth0-tenant/tooling/bundle-actions";
import { HttpClient } from "../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../tests/support/local-tenant";
import { describeLanding, startAuthorization, submitSignup, type OidcClient } from "../tests/support/oidc-login";

/**
 * The access-policy Action as deployed, bound on the local tenant, against sign-ups through the tenant's own pages:
 * the email domain rule holds for every spelling of a denied domain that the sign-up lets through.
 */
let tenant: TestTenant;
let app: OidcClient;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await registerWebApp(tenant);
  // The shipped rules, for every application (the test's client is not the one the sync creates).
  const rules = accessRulesSecret(ACCESS_POLICIES.map((policy) => ({ ...policy, clients: undefined })));
  const code = await bundleAction(path.join(process.cwd(), "actions", "access-policy.ts"));
  const id = await tenant.management.deployAction("access-policy", code, [{ name: "ACCESS_POLICIES", value: rules }]);
  await tenant.management.bindPostLogin([id]);
});
afterAll(() => tenant.stop());

let count = 0;
async function signUp(domain: string) {
  count += 1;
  const http = new HttpClient();
  const { landing } = await startAuthorization(http, app);
  if (landing.kind !== "page") throw new Error(`expected the login page, got ${describeLanding(landing)}`);
  return submitSignup(http, app, landing.response, { email: `user${count}@${domain}`, password: "password-123-long" });
}

describe("the email domain rule on the local tenant", () => {
  it.each([
    ["as written", "contractors.example"],
    ["with a trailing dot (the fully qualified name)", "contractors.example."],
    ["in capitals, with a trailing dot", "CONTRACTORS.Example."],
    ["as a subdomain with a trailing dot", "eu.contractors.example."],
    ["in full-width letters", "ｃｏｎｔｒａｃｔｏｒｓ.example"],
  ])("denies a sign-up at the denied domain %s", async (_how, domain) => {
    const landing = await signUp(domain);
    if (landing.kind !== "callback") throw new Error(`expected the callback, got ${describeLanding(landing)}`);
    expect(landing.params).toMatchObject({ error: "access_denied", error_description: "email_domain_not_allowed" });
    expect(landing.params.code).toBeUndefined();
  });

  it("lets a sign-up at another domain through, with a trailing dot too", async () => {
    for (const domain of ["example.com.", "notcontractors.example"]) {
      const landing = await signUp(domain);
      if (landing.kind !== "callback") throw new Error(`expected the callback, got ${describeLanding(landing)}`);
      expect(landing.params.code).toEqual(expect.any(String));
    }
  });
});
