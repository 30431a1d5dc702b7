import { describe, expect, it } from "vitest";
import { desiredState } from "../tenant/desired-state";
import { emptyAppliedSecrets } from "./applied-secrets";
import { computePlan } from "./plan";
import { formatPlan } from "./plan-text";

const REDIRECT_SECRET = "0123456789abcdef".repeat(4);
const state = desiredState({
  appBaseUrl: "http://127.0.0.1:3000",
  tenantUrl: "http://localhost:4000",
  claimNamespace: "https://product-xyz.example/",
  redirectTokenSecret: REDIRECT_SECRET,
  termsVersion: 2,
});
const code = new Map(state.actions.map((action) => [action.name, "exports.onExecutePostLogin = async () => {};"]));
const empty = { actions: [], postLoginBindings: [], clients: [], resourceServers: [], clientGrants: [] };

describe("formatPlan", () => {
  it("lists every resource with its action, the binding order and the env file changes by name", () => {
    const plan = computePlan({ desired: state, code, snapshot: empty, applied: emptyAppliedSecrets("t") });
    const text = formatPlan(plan, {
      file: ".env.local",
      set: [{ name: "REDIRECT_TOKEN_SECRET", why: "generated: 32 random bytes" }],
      notes: [],
    });
    expect(text).toBe(
      [
        "Actions",
        "  create     access-policy (then build and deploy)",
        "  create     mfa-policy (then build and deploy)",
        "  create     terms-of-use (then build and deploy)",
        "  create     profile-completion (then build and deploy)",
        "  create     groups (then build and deploy)",
        "  create     roles (then build and deploy)",
        "  create     business-data (then build and deploy)",
        "Post-login bindings (in execution order)",
        "  update     access-policy → mfa-policy → terms-of-use → profile-completion → groups → roles → business-data",
        "               now: (none)",
        "Clients",
        "  create     Product XYZ",
        "  create     Product XYZ business-data Action",
        "  create     Product XYZ groups Action",
        "APIs",
        "  create     Product XYZ API (https://api.product-xyz.example)",
        "Client grants",
        "  create     Product XYZ business-data Action → https://api.product-xyz.example: read:users",
        "  create     Product XYZ groups Action → http://localhost:4000/api/v2/: read:users",
        ".env.local",
        "  set        REDIRECT_TOKEN_SECRET (generated: 32 random bytes)",
        "",
      ].join("\n"),
    );
  });

  it("shows reasons and field changes, never a secret value", () => {
    const snapshot = {
      ...empty,
      actions: [
        {
          id: "a1",
          name: "terms-of-use",
          code: "old",
          runtime: "node18",
          dependencies: [],
          supported_triggers: [{ id: "post-login", version: "v3" }],
          secrets: [{ name: "REDIRECT_TOKEN_SECRET" }],
          status: "built",
          all_changes_deployed: true,
          errors: [],
        },
      ],
      postLoginBindings: [
        { action_id: "h", action_name: "hand-made", display_name: "hand-made" },
        { action_id: "a1", action_name: "terms-of-use", display_name: "terms-of-use" },
      ],
    };
    const text = formatPlan(computePlan({ desired: state, code, snapshot, applied: emptyAppliedSecrets("t") }));
    expect(text).toContain(
      [
        "  update     terms-of-use (then build and deploy)",
        "               code changed",
        "               runtime node18 → node22",
        "               secret TERMS_VERSION added",
        "               secret APP_BASE_URL added",
        "               secret CLAIM_NAMESPACE added",
        "               secret PROFILE_FIELDS added",
        "               secret REDIRECT_TOKEN_SECRET cannot be compared (no record that this checkout applied the " +
          "current values): applied again",
      ].join("\n"),
    );
    expect(text).toContain(
      "  update     access-policy → mfa-policy → terms-of-use → profile-completion → groups → roles → business-data → hand-made (bound by hand, kept)\n" +
        "               now: hand-made → terms-of-use",
    );
    expect(text).not.toContain(REDIRECT_SECRET);
  });
});
