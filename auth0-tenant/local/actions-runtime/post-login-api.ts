import type { MfaPostLoginApi } from "../../../contract/post-login";
import type { PostLoginEvent } from "./build-event";
import type { CacheApi } from "./cache";
import { createAuthenticationApi } from "./authentication-api";
import { assertSettableCustomClaim } from "./custom-claims";
import type { Execution } from "./execution";
import { createRedirectApi } from "./redirect-api";
import { modifyScope } from "./scope-commands";
import { setTransactionMetadata } from "./transaction-metadata";
import type { TenantUser } from "./types";
import { createUnemulatedApis, type Warn } from "./unemulated-api";
import { recordMetadataWrite, type MetadataKind } from "./user-metadata";

const MFA_PROVIDERS = ["any", "none", "guardian", "google-authenticator", "duo"];

export interface PostLoginApiInput {
  /** The event handed to the same Action: `event.transaction.metadata` follows `api.transaction.setMetadata`. */
  event: PostLoginEvent;
  execution: Execution;
  /** The user as stored: metadata size limits apply to what the server will hold after the patch. */
  storedUser: TenantUser;
  cache: CacheApi;
  now: () => number;
  warn: Warn;
}

/**
 * The value as it will travel in a command (JSON), so later mutation by the Action cannot change what was recorded.
 * `undefined` (or a function) has no JSON form: Auth0's serialized command would lose it, so the call is a no-op here.
 */
function asJson(value: unknown, warn: Warn, call: string): { value: unknown } | undefined {
  const json = JSON.stringify(value);
  if (json === undefined) {
    warn(`${call} was given a value with no JSON form (${typeof value}); the call was ignored.`);
    return undefined;
  }
  return { value: JSON.parse(json) };
}

/**
 * `api` for one execution of one Action: every command lands in `execution`, never directly in the login. It
 * `satisfies` the api our Actions are typed against (`contract/post-login.ts`): a call they make that the runtime
 * does not build fails to compile.
 */
export function createPostLoginApi(input: PostLoginApiInput) {
  const { event, execution, storedUser, now, warn } = input;
  const { commands } = execution;
  // Filled by the `Object.assign` below; the setters return it (chainable, as in Auth0).
  const api = {} as MfaPostLoginApi;

  const setClaim = (claims: Record<string, unknown>, call: string, name: unknown, value: unknown) => {
    assertSettableCustomClaim(name);
    const json = asJson(value, warn, `${call}("${name}")`);
    if (json) claims[name] = json.value;
    return api;
  };

  const setMetadata = (kind: MetadataKind, call: string, key: unknown, value: unknown) => {
    const json = asJson(value, warn, `${call}(${JSON.stringify(key)})`);
    if (!json) return api;
    recordMetadataWrite(execution.userUpdates, {
      kind,
      key,
      value: json.value,
      eventMetadata: event.user[kind],
      storedMetadata: storedUser[kind],
    });
    return api;
  };

  // Apart from the literal below: the Actions' type has no `addScope`/`removeScope`, which they do not call.
  const accessToken = {
    setCustomClaim: (name: unknown, value: unknown) => setClaim(commands.accessTokenClaims, "api.accessToken.setCustomClaim", name, value),
    addScope(scope: unknown): void {
      modifyScope(commands.scopeChanges, "add", scope);
    },
    removeScope(scope: unknown): void {
      modifyScope(commands.scopeChanges, "remove", scope);
    },
  };

  const typed = {
    access: {
      // Single argument, as in Auth0: a second one (seen in Auth0's own docs) is ignored.
      deny(reason: unknown) {
        execution.denyReason = String(reason ?? "");
        return api;
      },
    },
    idToken: {
      setCustomClaim: (name: unknown, value: unknown) =>
        setClaim(commands.idTokenClaims, "api.idToken.setCustomClaim", name, value),
    },
    accessToken,
    user: {
      setAppMetadata: (key: unknown, value: unknown) =>
        setMetadata("app_metadata", "api.user.setAppMetadata", key, value),
      setUserMetadata: (key: unknown, value: unknown) =>
        setMetadata("user_metadata", "api.user.setUserMetadata", key, value),
    },
    transaction: {
      setMetadata(key: unknown, value: unknown) {
        setTransactionMetadata(commands.transactionMetadata, key, value);
        event.transaction.metadata = { ...commands.transactionMetadata };
        return api;
      },
    },
    multifactor: {
      /** Recorded only; the server runs the challenge when the pipeline completes. Last call wins. */
      enable(provider: unknown, options?: { allowRememberBrowser?: unknown }) {
        if (typeof provider !== "string" || !MFA_PROVIDERS.includes(provider)) {
          throw new TypeError(`api.multifactor.enable: the provider must be one of ${MFA_PROVIDERS.join(", ")}.`);
        }
        const allowRememberBrowser = options?.allowRememberBrowser;
        commands.multifactor =
          typeof allowRememberBrowser === "boolean" ? { provider, allowRememberBrowser } : { provider };
        return api;
      },
    },
    cache: input.cache,
    redirect: createRedirectApi({ event, execution, now, api }),
  } satisfies MfaPostLoginApi;
  // What our Actions do not call (so their type does not name it), emulated or only warned about.
  return Object.assign(api, typed, {
    authentication: createAuthenticationApi({ execution, now, warn, api }),
    ...createUnemulatedApis(warn, api),
  });
}
