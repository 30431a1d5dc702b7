import { Dispatcher, Pool, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { connectToLoopback } from "./loopback-connect";

/**
 * Makes this process's `fetch` trust the local tenant's self-signed certificate, for the local tenant's origin only
 * (`https://localhost:PORT`). The `auth0` SDK calls the global `fetch` with no way to pass a CA, and
 * `NODE_EXTRA_CA_CERTS` must be set before Node starts; a dispatcher keyed by origin does neither harm: every other
 * origin, a real Auth0 tenant included, is verified against the normal roots exactly as before, and the local origin
 * accepts that one certificate and nothing else.
 *
 * Trusts compose: a test trusts an https tenant while the sync, in the same process, trusts it too, and several
 * tenants may run side by side. Each change installs a fresh dispatcher built from every trust in force (so no
 * connection pool made under an older set survives), which hands every other request to the dispatcher found before
 * (the Actions runtime's, `installTenantTrust`, included); the last one removed puts that one back.
 *
 * Returns a function that removes this trust.
 */
export function trustLocalTenant(options: {
  origin: string;
  certificate: string;
  /** For an origin named by a public host (port 443) whose tenant listens here, on 127.0.0.1: its port. */
  loopbackPort?: number;
}): () => Promise<void> {
  const origin = new URL(options.origin).origin;
  if (!origin.startsWith("https://")) {
    throw new TypeError(`trustLocalTenant: ${options.origin} is not an https origin`);
  }
  const trust: Trust = { origin, certificate: options.certificate, ...(options.loopbackPort ? { loopbackPort: options.loopbackPort } : {}) };
  trusts.push(trust);
  void install();
  let removed = false;
  return async () => {
    if (removed) return;
    removed = true;
    trusts.splice(trusts.indexOf(trust), 1);
    await install();
  };
}

interface Trust {
  origin: string;
  certificate: string;
  loopbackPort?: number;
}

const trusts: Trust[] = [];
let installed: { dispatcher: TrustingDispatcher; previous: Dispatcher } | undefined;

/** Requests to a trusted origin go over a pool that accepts its certificates only; every other one as before. */
class TrustingDispatcher extends Dispatcher {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly certificates: Map<string, string[]>,
    private readonly loopbackPorts: Map<string, number>,
    private readonly fallback: Dispatcher,
  ) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const origin = options.origin === undefined ? undefined : new URL(String(options.origin)).origin;
    const ca = origin === undefined ? undefined : this.certificates.get(origin);
    if (origin === undefined || ca === undefined) return this.fallback.dispatch(options, handler);
    let pool = this.pools.get(origin);
    if (!pool) {
      const port = this.loopbackPorts.get(origin);
      pool = new Pool(origin, { connect: port ? connectToLoopback(port, { ca }) : { ca } });
      this.pools.set(origin, pool);
    }
    return pool.dispatch(options, handler);
  }

  override async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  override async destroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
  }
}

/** Replaces the dispatcher this module installed (if still in place) by one for the current trusts; closes the old. */
async function install(): Promise<void> {
  const current = installed;
  if (current && getGlobalDispatcher() !== current.dispatcher) {
    // Someone else installed theirs over ours since: build on it from now on.
    installed = undefined;
  }
  const previous = installed?.previous ?? getGlobalDispatcher();
  if (trusts.length === 0) {
    if (installed) setGlobalDispatcher(previous);
    installed = undefined;
  } else {
    const certificates = new Map<string, string[]>();
    const loopbackPorts = new Map<string, number>();
    for (const trust of trusts) {
      certificates.set(trust.origin, [...(certificates.get(trust.origin) ?? []), trust.certificate]);
      if (trust.loopbackPort) loopbackPorts.set(trust.origin, trust.loopbackPort);
    }
    const dispatcher = new TrustingDispatcher(certificates, loopbackPorts, previous);
    setGlobalDispatcher(dispatcher);
    installed = { dispatcher, previous };
  }
  // In-flight requests finish on the old pools (closing waits for them); new ones use the new dispatcher.
  if (current) await current.dispatcher.close();
}
