import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { desiredState } from "../../../auth0-tenant/tenant/desired-state";
import { loadOrCreateCertificate, spkiSha256 } from "../../../auth0-tenant/local/tls/certificate";
import { trustLocalTenant } from "../../../auth0-tenant/local/tls/trust-local-tenant";
import { envFileValues, readEnvFile } from "../../../auth0-tenant/sync/env-file";
import { syncTenant } from "../../../auth0-tenant/sync/sync-tenant";
import { createTestBackend, type TestBackend } from "../../../lib/database/testing/test-backends";
import { currentVersionOf, termsDocuments } from "../../../lib/terms/documents";
import { startHttpsTestTenant, syncTargetOf, type TestTenant } from "../../support/local-tenant";
import { startTlsProxy, type TlsProxy } from "../../support/tls-proxy";
import { freePort } from "./free-port";
import { startNextServer, type NextServer } from "./next-server";
import { CLAIM_NAMESPACE } from "./stack";

/** The tenant's host name, as `TENANT.eu.auth0.com` is a real one's: under `.test`, which no DNS will ever answer. */
export const TENANT_HOST = "tenant.product-xyz.test";

/** `tests/support/host-map-preload.mjs` as `--import` takes it, with its map in the query. */
function hostMapPreload(hostMap: Record<string, string>): string {
  const url = pathToFileURL(path.resolve("tests", "support", "host-map-preload.mjs"));
  url.search = new URLSearchParams(hostMap).toString();
  return url.href;
}

/**
 * The product in the shape users deploy, on loopback: `next start` of the production build (NODE_ENV=production)
 * behind a TLS-terminating proxy shaped like Vercel's edge, PostgreSQL (a schema of its own on `DATABASE_URL`'s
 * server) for the ledger and the business data, and the local tenant in https mode, configured by the real sync.
 * The app's environment is what a real tenant needs, nothing more: `AUTH0_DOMAIN` a bare host name (`TENANT_HOST`,
 * on 443), `APP_BASE_URL` the public https origin, `TRUSTED_PROXY_HOPS=1`; the tenant's certificate reaches the
 * app's process the way any CA would (`NODE_EXTRA_CA_CERTS`), since a real tenant's is publicly trusted, and its
 * name reaches the tenant's loopback port the way DNS would (a resolver preloaded into the process, `hostMap` for
 * Chromium).
 */
export interface ProductionStack {
  /** The proxy's https origin: the app's public URL. */
  appUrl: string;
  tenant: TestTenant;
  /** `next start`'s environment, secrets included. */
  env: Record<string, string>;
  /** The PostgreSQL store the app uses (its schema selected). */
  database: TestBackend;
  /** Chromium's `trustedSpki`: the tenant's and the proxy's certificates, nothing else. */
  trustedSpki: string[];
  /** Chromium's `hostMap`: the tenant's host name, on 443, to its loopback port (what DNS does for a real tenant). */
  hostMap: Record<string, string>;
  appOutput(): string;
  stop(): Promise<void>;
}

export async function startProductionStack(): Promise<ProductionStack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const database = await createTestBackend("postgres");
    cleanups.push(() => database.dispose());
    const tenant = await startHttpsTestTenant({ publicHost: TENANT_HOST });
    const hostMap = { [`${TENANT_HOST}:443`]: `127.0.0.1:${tenant.port}` };
    cleanups.push(() => tenant.stop());
    const proxyDir = await mkdtemp(path.join(tmpdir(), "tls-proxy-"));
    cleanups.push(() => rm(proxyDir, { recursive: true, force: true }));
    const proxyTls = await loadOrCreateCertificate(proxyDir);
    const nextPort = await freePort();
    const proxy: TlsProxy = await startTlsProxy({ upstream: `http://127.0.0.1:${nextPort}`, tls: proxyTls });
    cleanups.push(() => proxy.close());
    // The business-data Action calls the app from the tenant's process, as Auth0's servers call a deployment whose
    // certificate is publicly trusted: this process trusts the proxy's, for its origin only.
    cleanups.push(trustLocalTenant({ origin: proxy.origin, certificate: proxyTls.cert }));

    const secret = () => randomBytes(32).toString("hex");
    const secrets = { AUTH0_SECRET: secret(), CONSENT_COOKIE_SECRET: secret(), REDIRECT_TOKEN_SECRET: secret() };
    const target = await syncTargetOf(tenant);
    const envFile = path.join(tenant.dataDir, ".env.local");
    await syncTenant({
      target,
      desired: desiredState({
        appBaseUrl: proxy.origin,
        tenantUrl: target.tenantUrl,
        claimNamespace: CLAIM_NAMESPACE,
        redirectTokenSecret: secrets.REDIRECT_TOKEN_SECRET,
        termsVersion: currentVersionOf(termsDocuments()),
      }),
      mode: "apply",
      output: { write: () => true },
      stateDir: path.join(tenant.dataDir, "tenant-sync"),
      envFile,
      buildWait: { initialDelayMs: 20 },
    });
    const written = envFileValues(await readEnvFile(envFile));
    const env = {
      APP_BASE_URL: proxy.origin,
      AUTH0_DOMAIN: new URL(tenant.issuer).host,
      AUTH0_CLIENT_ID: written.get("AUTH0_CLIENT_ID") ?? "",
      AUTH0_CLIENT_SECRET: written.get("AUTH0_CLIENT_SECRET") ?? "",
      CLAIM_NAMESPACE,
      DATABASE_URL: database.url ?? "",
      TRUSTED_PROXY_HOPS: "1",
      NODE_EXTRA_CA_CERTS: tenant.certificate?.file ?? "",
      // The name resolves to the tenant for this process's fetch only, as DNS would: the app is not told anything.
      NODE_OPTIONS: `--import=${hostMapPreload(hostMap)}`,
      ...secrets,
    };
    const next: NextServer = await startNextServer({ port: nextPort, env });
    cleanups.push(() => next.stop());
    return {
      appUrl: proxy.origin,
      tenant,
      env,
      database,
      trustedSpki: [tenant.certificate?.spkiSha256 ?? "", spkiSha256(proxyTls.cert)],
      hostMap,
      appOutput: () => next.output(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
