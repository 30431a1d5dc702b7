import { PRODUCT_API } from "../../contract/product-api";
import path from "node:path";
import { type AccessPolicy, ACCESS_POLICIES, accessRulesSecret } from "./access-policies";
import { ACTIONS_DIRECTORY } from "../tooling/bundle-actions";
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
} from "./tenant-names";
import { LOGIN_STEPS, profileFieldsSecret } from "./login-steps";
import type { MfaPolicy } from "../../actions/lib/mfa-rules";
import { mfaPolicySecret } from "./mfa-policy";
import type { ActionSecret, DesiredAction, DesiredClient, DesiredState } from "./desired-state-types";
import { assertValidDesiredState } from "./validate-desired-state";

export * from "./tenant-names";

export interface DesiredStateInputs {
  /** The app's origin, e.g. `http://127.0.0.1:3000` or `https://product-xyz.vercel.app`. */
  appBaseUrl: string;
  /**
   * The tenant's origin, from the sync's target: `https://TENANT.eu.auth0.com` (the canonical domain: the
   * Management API and its audience live there, not on a custom domain) or `http://localhost:PORT` for the local
   * tenant. Actions call its token endpoint and Management API with it.
   */
  tenantUrl: string;
  /** Namespace of the custom claims, ending with a slash. */
  claimNamespace: string;
  /** Shared by the app and the terms Action (HS256). */
  redirectTokenSecret: string;
  /** The current terms version: `currentVersionOf(loadTermsDocuments())`, the one source of TERMS_VERSION. */
  termsVersion: number;
  /** Claims without which a login is denied rather than completed; by default none (they are nice to have). */
  requiredClaims?: { groups?: boolean; businessData?: boolean };
  /** The profile fields the profile step asks for; `LOGIN_STEPS.profileFields` unless a test says otherwise. */
  profileFields?: readonly string[];
  /** Who is asked for a second factor; `MFA_POLICY` unless a test says otherwise. */
  mfaPolicy?: MfaPolicy;
  /** The access rules; `ACCESS_POLICIES` unless a test says otherwise. */
  accessPolicies?: readonly AccessPolicy[];
  /** Where the Action sources live; the repository's `actions/` unless a test says otherwise. */
  actionsDirectory?: string;
}

const POST_LOGIN = { id: "post-login", version: "v3" } as const;

/**
 * Builds the desired state; pure, so the same inputs always give the same state.
 *
 * @example
 * const state = desiredState({ appBaseUrl: "http://127.0.0.1:3000", tenantUrl: "http://localhost:4000", claimNamespace: "https://product-xyz.example/", redirectTokenSecret, termsVersion: 2 });
 * state.postLoginBindings; // ["access-policy", "mfa-policy", "terms-of-use", "profile-completion", "groups", "roles", "business-data"]
 * @throws {DesiredStateError} listing every reason the result would not deploy (a secret over 4096 characters, a bad access rule…).
 */
export function desiredState(inputs: DesiredStateInputs): DesiredState {
  const appBaseUrl = new URL(inputs.appBaseUrl).origin;
  const tenantUrl = new URL(inputs.tenantUrl).origin;
  const actionsDirectory = inputs.actionsDirectory ?? ACTIONS_DIRECTORY;
  const flag = (value: boolean | undefined) => String(value ?? false);
  const action = (name: string, secrets: ActionSecret[]): DesiredAction => ({
    name,
    sourceFile: path.join(actionsDirectory, `${name}.ts`),
    runtime: "node22",
    trigger: POST_LOGIN,
    secrets,
    dependencies: [],
  });
  const credentialsOf = (key: string): ActionSecret[] => [
    { name: "CLIENT_ID", fromClient: { key, field: "client_id" } },
    { name: "CLIENT_SECRET", fromClient: { key, field: "client_secret" } },
  ];
  const machineClient = (key: string, name: string): DesiredClient => ({
    key,
    name,
    app_type: "non_interactive",
    callbacks: [],
    allowed_logout_urls: [],
    web_origins: [],
    grant_types: ["client_credentials"],
    token_endpoint_auth_method: "client_secret_post",
  });

  const state: DesiredState = {
    actions: [
      action(ACCESS_POLICY_ACTION, [{ name: "ACCESS_POLICIES", value: accessRulesSecret(inputs.accessPolicies ?? ACCESS_POLICIES) }]),
      action(MFA_POLICY_ACTION, [{ name: "MFA_POLICY", value: mfaPolicySecret(inputs.mfaPolicy) }]),
      action(TERMS_OF_USE_ACTION, [
        { name: "REDIRECT_TOKEN_SECRET", value: inputs.redirectTokenSecret },
        { name: "TERMS_VERSION", value: String(inputs.termsVersion) },
        { name: "APP_BASE_URL", value: appBaseUrl },
        { name: "CLAIM_NAMESPACE", value: inputs.claimNamespace },
        // The next step's fields, so the terms page can say "Step 1 of 2" when the profile step is due too.
        { name: "PROFILE_FIELDS", value: profileFieldsSecret(inputs.profileFields) },
      ]),
      action(PROFILE_COMPLETION_ACTION, [
        { name: "REDIRECT_TOKEN_SECRET", value: inputs.redirectTokenSecret },
        { name: "PROFILE_FIELDS", value: profileFieldsSecret(inputs.profileFields) },
        { name: "APP_BASE_URL", value: appBaseUrl },
        { name: "CLAIM_NAMESPACE", value: inputs.claimNamespace },
      ]),
      action(GROUPS_ACTION, [
        { name: "TENANT_URL", value: tenantUrl },
        ...credentialsOf(GROUPS_CLIENT_KEY),
        { name: "CLAIM_NAMESPACE", value: inputs.claimNamespace },
        { name: "GROUPS_REQUIRED", value: flag(inputs.requiredClaims?.groups) },
      ]),
      action(ROLES_ACTION, [{ name: "CLAIM_NAMESPACE", value: inputs.claimNamespace }]),
      action(BUSINESS_DATA_ACTION, [
        { name: "TENANT_URL", value: tenantUrl },
        ...credentialsOf(BUSINESS_DATA_CLIENT_KEY),
        { name: "API_AUDIENCE", value: PRODUCT_API.identifier },
        { name: "APP_BASE_URL", value: appBaseUrl },
        { name: "CLAIM_NAMESPACE", value: inputs.claimNamespace },
        { name: "BUSINESS_DATA_REQUIRED", value: flag(inputs.requiredClaims?.businessData) },
      ]),
    ],
    // Access policy first: a login refused anyway is not sent through the steps (nor into the ledger). The steps
    // that need the user next, in their configured order: the Actions after them hand out data, which a user who
    // has not accepted the current terms must not get.
    // The MFA decision right after the access policy, on the login's own request; the challenge itself always
    // comes after the last Action.
    postLoginBindings: [ACCESS_POLICY_ACTION, MFA_POLICY_ACTION, ...LOGIN_STEPS.order, GROUPS_ACTION, ROLES_ACTION, BUSINESS_DATA_ACTION],
    clients: [
      {
        key: APP_CLIENT_KEY,
        name: "Product XYZ",
        app_type: "regular_web",
        callbacks: [`${appBaseUrl}/auth/callback`],
        allowed_logout_urls: [appBaseUrl],
        web_origins: [appBaseUrl],
        grant_types: ["authorization_code", "refresh_token"],
        token_endpoint_auth_method: "client_secret_post",
      },
      machineClient(BUSINESS_DATA_CLIENT_KEY, "Product XYZ business-data Action"),
      machineClient(GROUPS_CLIENT_KEY, "Product XYZ groups Action"),
    ],
    resourceServers: [
      {
        identifier: PRODUCT_API.identifier,
        name: "Product XYZ API",
        scopes: [{ value: PRODUCT_API.scopes.readUsers, description: "Read the business data of users" }],
        signing_alg: "RS256",
      },
    ],
    clientGrants: [
      { clientKey: BUSINESS_DATA_CLIENT_KEY, audience: PRODUCT_API.identifier, scope: [PRODUCT_API.scopes.readUsers] },
      // The Management API of the tenant itself: Auth0 defines it, so it is granted, never declared.
      { clientKey: GROUPS_CLIENT_KEY, audience: `${tenantUrl}/api/v2/`, scope: ["read:users"] },
    ],
  };
  assertValidDesiredState(state);
  return state;
}
