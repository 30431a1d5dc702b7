import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalTenant, type LocalTenant, type LocalTenantOptions, type TrustedCertificate } from "../../auth0-tenant/local/server";
import { trustLocalTenant } from "../../auth0-tenant/local/tls/trust-local-tenant";
import { resolveTarget, type SyncTarget } from "../../auth0-tenant/sync/sync-target";
import { ManagementApi } from "./management-api";
import type { OidcClient } from "./oidc-login";

export interface TestTenant extends LocalTenant {
  dataDir: string;
  /** Every line the tenant logged, in order. */
  logs: string[];
  management: ManagementApi;
  /** Closes the tenant; with `keepData`, the data folder survives (for restart tests). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Actions' npm dependencies installed by test tenants, kept across test runs in the git-ignored `.data/` (which
 * `npm ci` leaves alone), so a package is fetched from the registry once per clone, not once per test run.
 */
export const TEST_DEPENDENCY_CACHE = fileURLToPath(new URL("../../.data/local-tenant-deps", import.meta.url));

/**
 * A local tenant on a random loopback port, in a fresh temporary data folder (or `dataDir`), logging into
 * `logs` instead of the console, with a fast build delay and the shared dependency cache. Call `stop()` in `afterAll`.
 */
export async function startTestTenant(options: Partial<LocalTenantOptions> = {}): Promise<TestTenant> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "local-tenant-")));
  const logs: string[] = [];
  const tenant = await startLocalTenant({
    port: 0,
    buildDelayMs: 20,
    dependencyCacheDir: TEST_DEPENDENCY_CACHE,
    log: (line) => logs.push(line),
    ...options,
    dataDir,
  });
  return {
    ...tenant,
    dataDir,
    logs,
    management: new ManagementApi({
      issuer: tenant.issuer,
      clientId: tenant.managementClient.client_id,
      clientSecret: tenant.managementClient.client_secret,
    }),
    async stop({ keepData = false } = {}) {
      await tenant.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The local tenant as an https tenant, as Auth0 is: issuer `https://localhost:PORT/` (or `https://PUBLIC-HOST/` with
 * `publicHost`), every endpoint on that one origin. Its certificate is `tenant.certificate` (PEM, file for
 * `NODE_EXTRA_CA_CERTS`, SPKI hash for Chromium); this process's `fetch` trusts it for the tenant's origin, and only
 * there, until `stop()`; other processes map a public host with `tests/support/host-map-preload.mjs`.
 *
 * @example
 * const tenant = await startHttpsTestTenant();
 * // AUTH0_DOMAIN=new URL(tenant.issuer).host, as for a real tenant; spawned clients get NODE_EXTRA_CA_CERTS=tenant.certificate.file
 */
export async function startHttpsTestTenant(
  options: Partial<Omit<LocalTenantOptions, "https" | "tlsPort">> = {},
): Promise<TestTenant & { certificate: TrustedCertificate }> {
  const tenant = await startTestTenant({ ...options, https: true });
  if (!tenant.certificate) throw new Error("the https tenant published no certificate");
  // The test is the tenant's client: it trusts the certificate as a user's NODE_EXTRA_CA_CERTS would, and reaches a
  // public host name at the tenant's loopback port as a resolver mapping that name would make it.
  const distrust = trustLocalTenant({
    origin: new URL(tenant.issuer).origin,
    certificate: tenant.certificate.pem,
    ...(options.publicHost ? { loopbackPort: tenant.port } : {}),
  });
  return {
    ...tenant,
    certificate: tenant.certificate,
    async stop(stopOptions) {
      await distrust();
      await tenant.stop(stopOptions);
    },
  };
}

/** Auth0's settings of a rotating refresh token without a reuse interval (the Dashboard's default for new SPAs). */
export const ROTATING_REFRESH_TOKENS = { rotation_type: "rotating", expiration_type: "expiring", leeway: 0 } as const;

/** Registers a regular web application (nothing needs to listen at its URLs) and returns it as an `OidcClient`. */
export async function registerWebApp(
  tenant: TestTenant,
  options: { name?: string; redirectUri?: string; logoutUrls?: string[]; grantTypes?: string[]; refreshToken?: Record<string, unknown> } = {},
): Promise<OidcClient> {
  const redirectUri = options.redirectUri ?? "http://127.0.0.1:3000/auth/callback";
  const app = await tenant.management.createWebClient({
    ...(options.name ? { name: options.name } : {}),
    callbacks: [redirectUri],
    allowed_logout_urls: options.logoutUrls ?? ["http://127.0.0.1:3000/"],
    ...(options.grantTypes ? { grant_types: options.grantTypes } : {}),
    ...(options.refreshToken ? { refresh_token: options.refreshToken } : {}),
  });
  return { issuer: tenant.issuer, clientId: app.client_id, clientSecret: app.client_secret, redirectUri };
}

/** The sync's target for a test tenant started with `tlsPort` or `https`, found the way `npm run tenant:sync` finds it. */
export function syncTargetOf(tenant: TestTenant): Promise<SyncTarget> {
  if (!tenant.managementDomain) throw new Error("the local tenant serves no TLS: start it with tlsPort or https");
  const tlsPort = Number(new URL(`https://${tenant.managementDomain}`).port);
  const https = tenant.issuer.startsWith("https:");
  return resolveTarget({ kind: "local", port: tenant.port, dataDir: tenant.dataDir, tlsPort, https }, process.cwd());
}
