import type { MfaPostLoginEvent } from "../../../contract/post-login";
import { mergeMetadata } from "./user-metadata";
import type { AccumulatedCommands, ActionRequest, DeployedAction, LoginContext, TenantUser, UserMetadataPatch } from "./types";

/** `event.user`: the stored user without what Actions read elsewhere (`stats`, `authorization`) or not at all. */
export type EventUser = Omit<TenantUser, "groups" | "roles" | "logins_count">;

/**
 * The post-login v3 `event`, limited to what the local tenant knows. It extends the event our Actions are typed
 * against (`contract/post-login.ts`): a field the Actions read that the runtime does not build fails to compile.
 */
export interface PostLoginEvent extends MfaPostLoginEvent {
  user: EventUser;
  stats: { logins_count: number };
  authorization: { roles: string[] };
  client: LoginContext["client"];
  connection: LoginContext["connection"];
  request: ActionRequest;
  transaction: LoginContext["transaction"] & { metadata: AccumulatedCommands["transactionMetadata"] };
  authentication: LoginContext["authentication"];
  resource_server?: LoginContext["resource_server"];
  tenant: LoginContext["tenant"];
  secrets: Record<string, string>;
  refresh_token?: LoginContext["refresh_token"];
}

export interface BuildEventInput {
  action: DeployedAction;
  /** As stored (or reloaded on resume). */
  user: TenantUser;
  /** Metadata writes of the Actions that ran before this one, shown optimistically. */
  userUpdates: UserMetadataPatch;
  context: LoginContext;
  /** The `/authorize` request, or the `/continue` request on resume. */
  request: ActionRequest;
  commands: AccumulatedCommands;
}

/**
 * A fresh event for one Action: everything is cloned, so an Action that mutates its event changes neither the store
 * nor what later Actions see; those see only what the api recorded.
 */
export function buildEvent(input: BuildEventInput): PostLoginEvent {
  const { groups: _groups, roles, logins_count, ...visibleUser } = input.user;
  const { context, commands } = input;
  const user: EventUser = {
    ...structuredClone(visibleUser),
    // The store types metadata as objects; at runtime they are whatever was stored, and Auth0 checks that shape.
    app_metadata: mergeMetadata(visibleUser.app_metadata, input.userUpdates.app_metadata) as Record<string, unknown>,
    user_metadata: mergeMetadata(visibleUser.user_metadata, input.userUpdates.user_metadata) as Record<string, unknown>,
  };
  const event: PostLoginEvent = {
    user,
    stats: { logins_count },
    authorization: { roles: [...(roles ?? [])] },
    client: structuredClone(context.client),
    connection: structuredClone(context.connection),
    request: structuredClone(input.request),
    transaction: { ...structuredClone(context.transaction), metadata: { ...commands.transactionMetadata } },
    authentication: { methods: authenticationMethods(context, commands) },
    tenant: structuredClone(context.tenant),
    secrets: { ...input.action.secrets },
  };
  if (context.resource_server) event.resource_server = structuredClone(context.resource_server);
  if (context.refresh_token) event.refresh_token = structuredClone(context.refresh_token);
  return event;
}

/**
 * The session's methods, then those recorded by `recordMethod`, then `mfa` for a factor passed in this transaction,
 * which replaces an earlier `mfa` (the session keeps the latest one only).
 */
function authenticationMethods(context: LoginContext, commands: AccumulatedCommands) {
  const passed = commands.passedFactors.map(({ type, timestamp }) => ({ name: "mfa", timestamp, type }));
  const session = context.authentication.methods.filter((method) => passed.length === 0 || method.name !== "mfa");
  return structuredClone([...session, ...commands.recordedMethods, ...passed]);
}
