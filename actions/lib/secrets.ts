/** Reads a required Action secret; a missing one fails the login with a message that names it. */
export function requireSecret(secrets: Record<string, string | undefined>, name: string): string {
  const value = secrets[name];
  if (!value) throw new Error(`The Action secret ${name} is not set: run npm run tenant:sync.`);
  return value;
}

/**
 * A yes/no secret, written by the sync as `true` or `false`. Anything else is a misconfiguration that must not be
 * read as either answer, so it fails the login with a message that names the secret.
 *
 * @example
 * const required = parseFlag("GROUPS_REQUIRED", requireSecret(event.secrets, "GROUPS_REQUIRED")); // false
 */
export function parseFlag(name: string, value: string): boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  throw new Error(`The Action secret ${name} must be "true" or "false": run npm run tenant:sync.`);
}
