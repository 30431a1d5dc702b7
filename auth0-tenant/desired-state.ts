import path from "node:path";
import { ACTIONS_DIRECTORY } from "./bundle-actions";

/**
 * What the tenant should hold for this product, as plain data: the one description that `npm run tenant:sync`
 * pushes to a real Auth0 tenant and `npm run dev` pushes to the local tenant.
 *
 * Each resource carries the key the sync finds it by on the tenant: an Action by its name, a client by the
 * `tenant_sync_key` in its `client_metadata`, an API by its identifier, a grant by client and audience.
 */
export interface DesiredState {
  actions: DesiredAction[];
  /** The post-login Actions by name, in execution order. */
  postLoginBindings: string[];
  clients: DesiredClient[];
  resourceServers: DesiredResourceServer[];
  clientGrants: DesiredClientGrant[];
}

export interface ActionSecret {
  name: string;
  value: string;
}

export interface DesiredAction {
  name: string;
  /** The TypeScript source; the sync deploys its bundle (`bundleAction`). */
  sourceFile: string;
  runtime: "node22";
  trigger: { id: "post-login"; version: "v3" };
  /** Values included: never print them. */
  secrets: ActionSecret[];
  dependencies: Array<{ name: string; version: string }>;
}

export type AppType = "regular_web" | "non_interactive";
export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";

export interface DesiredClient {
  /** Stored in the client's `client_metadata.tenant_sync_key`, so a rename does not create a second client. */
  key: string;
  name: string;
  app_type: AppType;
  callbacks: string[];
  allowed_logout_urls: string[];
  web_origins: string[];
  grant_types: GrantType[];
  token_endpoint_auth_method: "client_secret_post";
}

export interface DesiredResourceServer {
  identifier: string;
  name: string;
  scopes: Array<{ value: string; description: string }>;
  signing_alg: "RS256";
}

export interface DesiredClientGrant {
  /** The `key` of a client of this desired state. */
  clientKey: string;
  audience: string;
  scope: string[];
}

export interface DesiredStateInputs {
  /** The app's origin, e.g. `http://127.0.0.1:3000` or `https://product-xyz.vercel.app`. */
  appBaseUrl: string;
  /** Namespace of the custom claims, ending with a slash. */
  claimNamespace: string;
  /** Shared by the app and the terms Action (HS256). */
  redirectTokenSecret: string;
  /** The current terms version: `currentVersionOf(loadTermsDocuments())`, the one source of TERMS_VERSION. */
  termsVersion: number;
  /** Where the Action sources live; the repository's `actions/` unless a test says otherwise. */
  actionsDirectory?: string;
}

export const TERMS_OF_USE_ACTION = "terms-of-use";
export const APP_CLIENT_KEY = "product-xyz-app";
export const BUSINESS_DATA_CLIENT_KEY = "business-data-action";
export const PRODUCT_API_IDENTIFIER = "https://api.product-xyz.example";
export const PRODUCT_API_SCOPES = ["read:users"] as const;

const POST_LOGIN = { id: "post-login", version: "v3" } as const;

/** Builds the desired state; pure, so the same inputs always give the same state. */
export function desiredState(inputs: DesiredStateInputs): DesiredState {
  const appBaseUrl = new URL(inputs.appBaseUrl).origin;
  const actionsDirectory = inputs.actionsDirectory ?? ACTIONS_DIRECTORY;
  return {
    actions: [
      {
        name: TERMS_OF_USE_ACTION,
        sourceFile: path.join(actionsDirectory, `${TERMS_OF_USE_ACTION}.ts`),
        runtime: "node22",
        trigger: POST_LOGIN,
        secrets: [
          { name: "REDIRECT_TOKEN_SECRET", value: inputs.redirectTokenSecret },
          { name: "TERMS_VERSION", value: String(inputs.termsVersion) },
          { name: "APP_BASE_URL", value: appBaseUrl },
          { name: "CLAIM_NAMESPACE", value: inputs.claimNamespace },
        ],
        dependencies: [],
      },
    ],
    // Terms first: no later Action should hand out data to a user who has not accepted the current terms.
    postLoginBindings: [TERMS_OF_USE_ACTION],
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
      {
        key: BUSINESS_DATA_CLIENT_KEY,
        name: "Product XYZ business-data Action",
        app_type: "non_interactive",
        callbacks: [],
        allowed_logout_urls: [],
        web_origins: [],
        grant_types: ["client_credentials"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    resourceServers: [
      {
        identifier: PRODUCT_API_IDENTIFIER,
        name: "Product XYZ API",
        scopes: [{ value: "read:users", description: "Read the business data of users" }],
        signing_alg: "RS256",
      },
    ],
    clientGrants: [
      { clientKey: BUSINESS_DATA_CLIENT_KEY, audience: PRODUCT_API_IDENTIFIER, scope: [...PRODUCT_API_SCOPES] },
    ],
  };
}
