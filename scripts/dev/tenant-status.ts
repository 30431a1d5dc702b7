import { syncFromConfig } from "../../auth0-tenant/sync/sync-from-config";
import { getSyncConfig } from "../../lib/config";

/**
 * What `npm run dev` can say about a real tenant before the app is ready: whether it can be reached, and whether its
 * configuration is older than the repository's (a dry run of the sync, which needs the Management API credentials).
 * It never changes the tenant: `npm run tenant:sync -- --apply` does, when asked. Never throws: the app starts anyway.
 */
export async function realTenantStatus(options: { domain: string; canCheckSync: boolean; projectDir: string }): Promise<string[]> {
  const { domain } = options;
  const problem = await reachabilityProblem(domain);
  const reach = problem
    ? [
        `Auth0 tenant ${domain} cannot be reached (${problem.reason}).`,
        problem.untrustedCertificate
          ? "The app starts anyway, but signing in fails until Node trusts its certificate: NODE_EXTRA_CA_CERTS=<file.pem>."
          : "The app starts anyway, but signing in fails until it can: check AUTH0_DOMAIN and your network.",
      ]
    : [`Auth0 tenant ${domain} is reachable.`];
  if (!options.canCheckSync) {
    return [
      ...reach,
      "Whether its configuration is older than the repository's cannot be checked without AUTH0_MANAGEMENT_CLIENT_ID",
      "and AUTH0_MANAGEMENT_CLIENT_SECRET (whoever has them runs npm run tenant:sync).",
    ];
  }
  if (problem) return reach;
  try {
    const result = await syncFromConfig({ config: getSyncConfig(), projectDir: options.projectDir, mode: "dry-run", output: { write: () => true } });
    return result.changed
      ? [
          ...reach,
          "Its configuration is older than the repository's (or was changed by hand): see the plan with",
          "npm run tenant:sync, apply it with npm run tenant:sync -- --apply.",
        ]
      : [...reach, "Its configuration matches the repository's."];
  } catch (error) {
    return [...reach, `Its configuration could not be compared with the repository's: ${messageOf(error)}`];
  }
}

const REACH_TIMEOUT_MS = 5000;

/**
 * `undefined` when the tenant's discovery document answers; otherwise why not, in a few words, and whether Node
 * refused its TLS certificate (never for Auth0's own, publicly trusted; a proxy's, or a stand-in tenant's).
 */
async function reachabilityProblem(domain: string): Promise<{ reason: string; untrustedCertificate: boolean } | undefined> {
  try {
    const response = await fetch(`https://${domain}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? undefined : { reason: `its discovery document answered ${response.status}`, untrustedCertificate: false };
  } catch (error) {
    const code = error instanceof Error && error.cause instanceof Error ? (error.cause as NodeJS.ErrnoException).code : undefined;
    return { reason: messageOf(error), untrustedCertificate: /CERT|ERR_TLS_/.test(code ?? "") };
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `no answer within ${REACH_TIMEOUT_MS / 1000} s`;
  // fetch says only "fetch failed"; the reason (getaddrinfo ENOTFOUND …, ECONNREFUSED …) is its cause.
  return error.cause instanceof Error ? error.cause.message : error.message;
}
