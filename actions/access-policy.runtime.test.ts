import { PRODUCT_API } from "../contract/product-api";
import { describe, expect, it } from "vitest";
import { accessRulesSecret } from "../auth0-tenant/tenant/access-policies";
import type { LoginContext, TenantUser } from "../auth0-tenant/local/actions-runtime";
import { describeDenial } from "../lib/denied-reasons";
import { deployedAction, loginContext, runAction, tenantUser } from "../tests/support/action-runtime";

/** The access-policy Action as deployed, with the rules of auth0-tenant/tenant/access-policies.ts as the sync gives them. */
async function run(options: { user?: Partial<TenantUser>; context?: Partial<LoginContext>; rules?: string } = {}) {
  return runAction(await deployedAction("access-policy", { ACCESS_POLICIES: options.rules ?? accessRulesSecret() }), {
    user: tenantUser(options.user),
    context: { ...loginContext(), client: { client_id: "app", name: "Product XYZ", metadata: { tenant_sync_key: "product-xyz-app" } }, ...options.context },
  });
}

describe("access-policy Action in the local runtime", () => {
  it("lets an ordinary login through, untouched", async () => {
    const { outcome, logs } = await run();
    expect(outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: {}, accessTokenClaims: {} } });
    expect(logs).toEqual([]);
  });

  it("denies a contractor's email on the product app with a reason the /denied page explains", async () => {
    const { outcome, logs } = await run({ user: { email: "bob@contractors.example" } });
    expect(outcome).toMatchObject({ kind: "denied", reason: "email_domain_not_allowed" });
    expect(logs).toEqual(['log: access policy: rule "contractors-use-the-partner-portal" denies this login (email_domain_not_allowed)']);
    expect(describeDenial("email_domain_not_allowed")).toMatchObject({ known: true, title: "This account cannot use Product XYZ" });
  });

  it("denies an end user a token for the product API, unless a consent auditor", async () => {
    const context = { resource_server: { identifier: PRODUCT_API.identifier } };
    expect((await run({ context })).outcome).toMatchObject({ kind: "denied", reason: "api_not_for_end_users" });
    expect((await run({ context, user: { roles: ["consent-auditor"] } })).outcome).toMatchObject({ kind: "completed" });
  });

  it("fails closed when its rules cannot be read", async () => {
    const { outcome, logs } = await run({ rules: "[{]" });
    expect(outcome).toMatchObject({ kind: "denied", reason: "access_policy_unavailable" });
    expect(logs).toEqual(["error: access policy: The access rules are not valid JSON. Login denied (access_policy_unavailable)."]);
  });
});
