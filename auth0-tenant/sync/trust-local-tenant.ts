import { Agent, type Dispatcher, Pool, getGlobalDispatcher, setGlobalDispatcher } from "undici";

/**
 * Makes this process's `fetch` trust the local tenant's self-signed certificate, for the local tenant's origin only
 * (`https://localhost:PORT`). The `auth0` SDK calls the global `fetch` with no way to pass a CA, and
 * `NODE_EXTRA_CA_CERTS` must be set before Node starts; a dispatcher keyed by origin does neither harm: every other
 * origin, a real Auth0 tenant included, is verified against the normal roots exactly as before, and the local origin
 * accepts that one certificate and nothing else.
 *
 * Returns a function that puts the previous dispatcher back.
 */
export function trustLocalTenant(options: { origin: string; certificate: string }): () => Promise<void> {
  const trustedOrigin = new URL(options.origin).origin;
  if (!trustedOrigin.startsWith("https://")) {
    throw new TypeError(`trustLocalTenant: ${options.origin} is not an https origin`);
  }
  const previous = getGlobalDispatcher();
  const agent = new Agent({
    factory: (origin: string | URL, poolOptions: object): Dispatcher =>
      new URL(String(origin)).origin === trustedOrigin
        ? new Pool(origin, { ...poolOptions, connect: { ca: [options.certificate] } })
        : new Pool(origin, poolOptions),
  });
  setGlobalDispatcher(agent);
  return async () => {
    if (getGlobalDispatcher() === agent) setGlobalDispatcher(previous);
    await agent.close();
  };
}
