/**
 * Auth0's limits on an Action (https://auth0.com/docs/customize/actions/limitations), each counted as Auth0 counts
 * it: the desired state and the bundler check them before a sync, and the local tenant refuses what Auth0 refuses.
 */
export const ACTION_LIMITS = {
  secretsPerAction: 30,
  secretNameCharacters: 128,
  /** In characters (JavaScript string length), as Auth0 states it. */
  secretValueCharacters: 4096,
  /** In UTF-8 bytes: Auth0 states 100 kB. */
  codeBytes: 100 * 1024,
  dependencies: 10,
} as const;
