import { randomBytes } from "node:crypto";
import { APP_SECRET_NAMES, type AppSecretName } from "../../lib/config";

/**
 * The app secrets that are not set anywhere yet (environment or env files), each 32 random bytes in hex, so that a
 * fresh clone runs with no hand-written env. Secrets that exist are never replaced: rotating one is a deliberate act.
 */
export function generateMissingAppSecrets(
  existing: Partial<Record<AppSecretName, string>>,
  random: () => string = () => randomBytes(32).toString("hex"),
): Partial<Record<AppSecretName, string>> {
  return Object.fromEntries(APP_SECRET_NAMES.filter((name) => !existing[name]).map((name) => [name, random()]));
}
