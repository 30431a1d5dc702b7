/** Reads a required Action secret; a missing one fails the login with a message that names it. */
export function requireSecret(secrets: Record<string, string | undefined>, name: string): string {
  const value = secrets[name];
  if (!value) throw new Error(`The Action secret ${name} is not set: run npm run tenant:sync.`);
  return value;
}
