import type { DesiredClientGrant, DesiredResourceServer } from "../tenant/desired-state-types";
import { setChange, valueChange } from "./field-changes";
import type { ClientGrantPlan, ResourceServerPlan } from "./plan-types";
import type { ExistingClientGrant, ExistingResourceServer } from "./tenant-api";

/** An API is found by its identifier, which Auth0 keeps unique and never changes. */
export function diffResourceServer(
  desired: DesiredResourceServer,
  servers: ExistingResourceServer[],
): ResourceServerPlan {
  const existing = servers.find((server) => server.identifier === desired.identifier);
  const input = { name: desired.name, scopes: desired.scopes, signing_alg: desired.signing_alg };
  const plan = { identifier: desired.identifier, name: desired.name, input };
  if (!existing) return { ...plan, kind: "create", changes: [] };
  const changes = [
    ...valueChange("name", existing.name, desired.name),
    ...setChange("scopes", existing.scopes.map(formatScope), desired.scopes.map(formatScope)),
    ...valueChange("signing_alg", existing.signing_alg, desired.signing_alg),
  ];
  return { ...plan, existing, kind: changes.length > 0 ? "update" : "unchanged", changes };
}

/** A grant is found by client and audience (Auth0 allows one per pair); a client still to be created has none. */
export function diffClientGrant(
  desired: DesiredClientGrant,
  context: { clientName: string; clientId: string | undefined; grants: ExistingClientGrant[] },
): ClientGrantPlan {
  const existing =
    context.clientId === undefined
      ? undefined
      : context.grants.find((grant) => grant.client_id === context.clientId && grant.audience === desired.audience);
  const plan = {
    clientKey: desired.clientKey,
    clientName: context.clientName,
    audience: desired.audience,
    scope: desired.scope,
  };
  if (!existing) return { ...plan, kind: "create", changes: [] };
  const changes = setChange("scope", existing.scope, desired.scope);
  return { ...plan, existing, kind: changes.length > 0 ? "update" : "unchanged", changes };
}

function formatScope(scope: { value: string; description: string }): string {
  return scope.description ? `${scope.value} (${scope.description})` : scope.value;
}
