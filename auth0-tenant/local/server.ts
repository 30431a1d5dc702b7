import type { IncomingMessage, ServerResponse } from "node:http";
import { resolve } from "node:path";
import { createRequestListener } from "./http/dispatch";
import { listenOnLoopback, type LoopbackListener } from "./http/listen";
import { TokenBucket, type RateLimit } from "./http/rate-limit";
import { Router } from "./http/router";
import { defaultLog, type TenantLog } from "./log";
import { buildRoutes } from "./routes";
import { openStores } from "./store/open-stores";
import { DEMO_USER, publishManagementClient } from "./store/seed";
import { createTenant } from "./tenant";
import { installTenantTrust } from "./actions-runtime/tenant-trust";
import { isHostName } from "./host-name";
import { exportCertificate, loadOrCreateCertificate, spkiSha256 } from "./tls/certificate";

export interface LocalTenantOptions {
  /** 0 picks a random free port. */
  port: number;
  /** Where users, keys, clients, Actions… persist across restarts. */
  dataDir: string;
  /** One line per notable event; defaults to `console.error` with a `[local-tenant]` prefix. */
  log?: TenantLog;
  /** Epoch milliseconds; tests may fake it. */
  now?: () => number;
  /** How long a changed Action stays `pending` before its build starts (default 300 ms). */
  buildDelayMs?: number;
  /**
   * Where Actions' npm `dependencies` are installed, shared by every Action and kept across restarts (default
   * `<dataDir>/action-dependencies`): a cached `name@version` builds without the network.
   */
  dependencyCacheDir?: string;
  /** The registry those installs use (npm's `--registry`); omitted, npm's own configuration decides. */
  npmRegistry?: string;
  /**
   * Also serve HTTPS on this port (0 = random) with a self-signed certificate kept in `dataDir`: the `auth0` SDK's
   * `ManagementClient` only speaks `https://DOMAIN/api/v2`. Omitted: no TLS listener.
   */
  tlsPort?: number;
  /**
   * An https tenant, as Auth0 is: `port` serves TLS only (the certificate kept in `dataDir`), the issuer is
   * `https://localhost:PORT/`, and every endpoint, the Management API included, is on that one origin; its cookies
   * are `Secure`. Clients trust the exported certificate (`certificate.file`). Not with `tlsPort`.
   */
  https?: boolean;
  /**
   * In https mode, the host name clients reach the tenant by on port 443, as they reach `TENANT.auth0.com`, while
   * it listens on loopback `port`: the issuer is `https://HOST/`, the certificate names it, the tenant answers for it.
   * Something outside must map the name to the port for each client (a test's resolver; DNS is not the product's).
   */
  publicHost?: string;
  /**
   * Auth0's global Management API limit as a token bucket (e.g. `AUTH0_FREE_RATE_LIMIT`, 2 rps burst 2), timed by
   * `now`: every `/api/` answer carries `x-ratelimit-*` headers and an empty bucket answers 429. Omitted: no limit.
   */
  managementRateLimit?: RateLimit;
}

export interface LocalTenant {
  /** `http://localhost:PORT/` (or `https://` in https mode), trailing slash included. */
  issuer: string;
  port: number;
  close(): Promise<void>;
  demoUser: { email: string; password: string };
  /** Client-credentials for the Management API (`${issuer}api/v2/`), also in `${dataDir}/management-client.json`. */
  managementClient: { client_id: string; client_secret: string };
  /** `localhost:TLS_PORT`, the domain to give the `auth0` SDK, when TLS is served. */
  managementDomain?: string;
  /** When TLS is served: the certificate to trust, as PEM, as a file of its own, and as Chromium's SPKI hash. */
  certificate?: TrustedCertificate;
}

export interface TrustedCertificate {
  pem: string;
  /** `DATA_DIR/tls/localhost.crt`: give it to Node as `NODE_EXTRA_CA_CERTS`. */
  file: string;
  /** For `chromium --ignore-certificate-errors-spki-list=SPKI`, which trusts this certificate only. */
  spkiSha256: string;
}

/**
 * Starts the local Auth0 tenant on the loopback interfaces. Stores are opened (and a corrupt file reported) before
 * the port is bound.
 */
export async function startLocalTenant(options: LocalTenantOptions): Promise<LocalTenant> {
  const log = options.log ?? defaultLog;
  const now = options.now ?? Date.now;
  const dataDir = resolve(options.dataDir);
  if (options.https && options.tlsPort !== undefined) {
    throw new TypeError("startLocalTenant: https mode serves everything on `port`; leave `tlsPort` out");
  }
  const publicHost = options.publicHost?.toLowerCase();
  if (publicHost !== undefined && (!options.https || !isHostName(publicHost))) {
    throw new TypeError(`startLocalTenant: publicHost ${options.publicHost} must be a bare host name, in https mode`);
  }
  const stores = await openStores({
    dataDir,
    now,
    buildDelayMs: options.buildDelayMs ?? 300,
    ...(options.dependencyCacheDir ? { dependencyCacheDir: resolve(options.dependencyCacheDir) } : {}),
    ...(options.npmRegistry ? { npmRegistry: options.npmRegistry } : {}),
    log,
  });

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end("The local tenant is starting.");
  };
  const listeners: LoopbackListener[] = [];
  const close = async () => {
    stores.actions.close();
    await Promise.all(listeners.map((listener) => listener.close()));
    await Promise.all([stores.users.close(), stores.refreshTokens.close()]);
  };
  const https = options.https === true;
  const listen = (port: number, tls?: { key: string; cert: string }) => listenOnLoopback((req, res) => handler(req, res), port, tls);
  let certificate: TrustedCertificate | undefined;
  try {
    const tls = https || options.tlsPort !== undefined ? await loadOrCreateCertificate(dataDir, now, publicHost ? [publicHost] : []) : undefined;
    listeners.push(await listen(options.port, https ? tls : undefined));
    if (options.tlsPort !== undefined) listeners.push(await listen(options.tlsPort, tls));
    if (tls) certificate = { pem: tls.cert, file: await exportCertificate(dataDir, tls), spkiSha256: spkiSha256(tls.cert) };
  } catch (error) {
    await close();
    throw error;
  }
  const [listener, tlsListener] = listeners as [LoopbackListener, LoopbackListener | undefined];
  const ownHost = publicHost ?? `localhost:${listener.port}`;
  const issuer = `${https ? "https" : "http"}://${ownHost}/`;
  const managementDomain = https ? ownHost : tlsListener && `localhost:${tlsListener.port}`;
  const httpsOrigins = managementDomain ? [`https://${managementDomain}`] : [];
  // Its Actions call the tenant at `https://${event.secrets.domain}/…` (the seeds' Actions do): they trust its own
  // certificate for its own endpoint, and nothing more.
  const trust = certificate && {
    origins: httpsOrigins,
    certificate: certificate.pem,
    ...(publicHost ? { publicHost: { name: publicHost, port: listener.port } } : {}),
  };
  if (trust) installTenantTrust();
  // In https mode the TLS origin is the issuer's own: no alias, except its loopback address under a public host name
  // (where the sync, like Auth0's canonical domain beside a custom one, calls the Management API).
  const aliasOrigins = https ? (publicHost ? [`https://localhost:${listener.port}`] : []) : httpsOrigins;
  const tenant = createTenant({ issuer, aliasOrigins, now, log, stores, ...(trust ? { trust } : {}) });
  const rate = options.managementRateLimit;
  handler = createRequestListener(new Router(buildRoutes(tenant)), {
    log,
    fallbackHost: ownHost,
    ...(publicHost ? { publicHost } : {}),
    managementRateLimit: rate && new TokenBucket(rate, now),
  });

  try {
    await publishManagementClient(dataDir, stores.managementClient, issuer, managementDomain);
  } catch (error) {
    await close();
    throw error;
  }
  log(
    `listening on ${issuer} (127.0.0.1${listener.ipv6 ? " and ::1" : ""})` +
      `${managementDomain && !https ? `, Management API also on https://${managementDomain}/api/v2/` : ""}` +
      `${rate ? `, Management API limited to ${rate.rps} requests/s (burst ${rate.burst})` : ""}, data in ${dataDir}`,
  );
  return {
    issuer,
    port: listener.port,
    close,
    demoUser: { ...DEMO_USER },
    managementClient: {
      client_id: stores.managementClient.client_id,
      client_secret: stores.managementClient.client_secret,
    },
    managementDomain,
    ...(certificate ? { certificate } : {}),
  };
}
