import { AsyncLocalStorage } from "node:async_hooks";
import https from "node:https";
import { Dispatcher, Pool, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { connectToLoopback } from "../tls/loopback-connect";

/** The tenant's own TLS endpoint(s) and the self-signed certificate they serve, which its Actions trust. */
export interface TenantTrust {
  /** `https://localhost:PORT` origins; the certificate also names 127.0.0.1 and ::1, so those hosts match too. */
  origins: string[];
  /** PEM of the certificate (no key). */
  certificate: string;
  /**
   * The tenant's public host name (its origin `https://HOST`, port 443) and the loopback port it listens on: its
   * Actions reach it there, as a resolver outside mapping the name makes every other client do.
   */
  publicHost?: { name: string; port: number };
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

// The execution in progress, found through async context: a module (and a dependency's HTTP client) outlives one
// execution, and executions of two tenants may interleave in one process.
const currentTrust = new AsyncLocalStorage<TenantTrust>();

function portsOf(trust: TenantTrust): Set<number> {
  return new Set(trust.origins.map((origin) => Number(new URL(origin).port || 443)));
}

function isTenantEndpoint(trust: TenantTrust | undefined, host: string | undefined, port: number): trust is TenantTrust {
  return trust !== undefined && host !== undefined && ((LOOPBACK_NAMES.has(host.toLowerCase()) && portsOf(trust).has(port)) || targetsTenantPublicEndpoint(trust, host, port));
}

function targetsTenantPublicEndpoint(trust: TenantTrust, host: string, port: number): boolean {
  return trust.publicHost !== undefined && host.toLowerCase() === trust.publicHost.name && port === 443;
}

/** Runs `run` (an Action's execution) so that its HTTPS calls to the tenant's own endpoint accept its certificate. */
export function withTenantTrust<T>(trust: TenantTrust | undefined, run: () => T): T {
  return trust ? currentTrust.run(trust, run) : run();
}

/**
 * `fetch` (undici) goes through the global dispatcher: this one sends a request made inside an Action's execution to
 * the tenant's own endpoint over a pool that trusts the tenant's certificate (and only it), and every other request
 * to the dispatcher that was global before, exactly as before.
 */
class TenantTrustDispatcher extends Dispatcher {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly fallback: Dispatcher) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const trust = currentTrust.getStore();
    const origin = options.origin === undefined ? undefined : new URL(String(options.origin));
    if (origin?.protocol === "https:" && isTenantEndpoint(trust, origin.hostname, Number(origin.port || 443))) {
      const key = `${origin.origin} ${trust.certificate}`;
      let pool = this.pools.get(key);
      if (!pool) {
        const ca = [trust.certificate];
        const loopback = targetsTenantPublicEndpoint(trust, origin.hostname, Number(origin.port || 443)) ? trust.publicHost?.port : undefined;
        pool = new Pool(origin.origin, { connect: loopback ? connectToLoopback(loopback, { ca }) : { ca } });
        this.pools.set(key, pool);
      }
      return pool.dispatch(options, handler);
    }
    return this.fallback.dispatch(options, handler);
  }

  override async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  override async destroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
  }
}

const PATCHED = Symbol.for("local-tenant.tenant-trust.https");

type AddRequest = (this: https.Agent, request: unknown, options: Record<string, unknown>) => void;

/**
 * Node's `https` (axios, the `auth0` v2 SDK's superagent, any agent, `agent: false` included): every `https.Agent`
 * adds the tenant's certificate as the only CA of a connection to the tenant's endpoint made inside an Action's
 * execution. `ca` is part of the agent's socket key, so such a connection is never reused for any other request.
 */
function patchHttpsAgents(): void {
  const prototype = https.Agent.prototype as unknown as Record<PropertyKey, unknown> & { addRequest: AddRequest };
  if (prototype[PATCHED]) return;
  const inherited = prototype.addRequest;
  prototype.addRequest = function addRequest(request, options) {
    const trust = currentTrust.getStore();
    const host = typeof options.host === "string" ? options.host : typeof options.hostname === "string" ? options.hostname : undefined;
    const port = Number(options.port ?? 443);
    if (!isTenantEndpoint(trust, host, port) || options.ca !== undefined) return inherited.call(this, request, options);
    // The public name connects to the loopback port; TLS still checks that name.
    const loopback = host !== undefined && targetsTenantPublicEndpoint(trust, host, port) ? { host: "127.0.0.1", port: trust.publicHost?.port, servername: host } : {};
    inherited.call(this, request, { ...options, ...loopback, ca: [trust.certificate] });
  };
  prototype[PATCHED] = true;
}

/**
 * Makes the Actions runtime of this process able to trust a tenant's own certificate (inside `withTenantTrust`
 * only). Outside an Action's execution nothing changes, and nowhere is verification turned off: another origin, or
 * the tenant's endpoint with another certificate, is refused as before. Idempotent; the sync's `trustLocalTenant`
 * may install its own dispatcher over this one and restore it after.
 */
export function installTenantTrust(): void {
  patchHttpsAgents();
  const current = getGlobalDispatcher();
  if (!(current instanceof TenantTrustDispatcher)) setGlobalDispatcher(new TenantTrustDispatcher(current));
}
