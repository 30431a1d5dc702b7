import type { AccumulatedCommands } from "./types";

export const MAX_SCOPE_LENGTH = 280;
export const MAX_ADDED_SCOPES = 1000;

/** Auth0's checks and messages for `addScope`/`removeScope`; returns the trimmed scope. */
function validScope(scope: unknown): string {
  if (typeof scope !== "string") throw new TypeError("The value for the scope must be a string.");
  const trimmed = scope.trim();
  if (trimmed.length === 0) throw new Error("The value for the scope is required.");
  if (trimmed.length > MAX_SCOPE_LENGTH) {
    throw new Error(`The value for the scope exceeds the allowed maximum of ${MAX_SCOPE_LENGTH} characters.`);
  }
  if (/\s/.test(trimmed)) throw new Error("The value for the scope must not have whitespace.");
  return trimmed;
}

/** Records `add` or `remove` for a scope; the last operation per scope wins, across all Actions of the login. */
export function modifyScope(
  scopeChanges: AccumulatedCommands["scopeChanges"],
  operation: "add" | "remove",
  scope: unknown,
): void {
  const trimmed = validScope(scope);
  const next = { ...scopeChanges, [trimmed]: operation };
  if (Object.values(next).filter((op) => op === "add").length > MAX_ADDED_SCOPES) {
    throw new Error(`The number of scopes exceeds the allowed maximum of ${MAX_ADDED_SCOPES}.`);
  }
  scopeChanges[trimmed] = operation;
}
