import { describe, expect, it } from "vitest";
import { createActionsCache, runPostLogin } from "../auth0-tenant/local/actions-runtime";
import { deployedAction, loginContext, tenantUser } from "../tests/support/action-runtime";

const NAMESPACE = "https://product-xyz.example/";

async function rolesOf(roles: string[] | undefined) {
  const outcome = await runPostLogin({
    actions: [await deployedAction("roles", { CLAIM_NAMESPACE: NAMESPACE })],
    user: tenantUser(roles === undefined ? {} : { roles }),
    context: loginContext(),
    cache: createActionsCache(),
    log: () => undefined,
  });
  if (outcome.kind !== "completed") throw new Error(`expected a completed login, got ${outcome.kind}`);
  return { id: outcome.commands.idTokenClaims, access: outcome.commands.accessTokenClaims };
}

describe("roles Action in the local runtime", () => {
  it("puts event.authorization.roles into the ID and access tokens", async () => {
    expect(await rolesOf(["admin", "consent-auditor"])).toEqual({
      id: { [`${NAMESPACE}roles`]: ["admin", "consent-auditor"] },
      access: { [`${NAMESPACE}roles`]: ["admin", "consent-auditor"] },
    });
  });

  it("sets an empty list for a user without roles", async () => {
    expect(await rolesOf(undefined)).toEqual({ id: { [`${NAMESPACE}roles`]: [] }, access: { [`${NAMESPACE}roles`]: [] } });
  });
});
