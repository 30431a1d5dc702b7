// Plain JavaScript, so that `node --import` can preload it (through server-timing-hook.mjs) into `next start`, which
// does not run tsx; the bench's own process imports the same code through server-timing.ts.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";

/** The request header by which the bench's client names each request it times. */
export const EXCHANGE_HEADER = "x-bench-exchange";

/**
 * Calls `onTimed(id, ms)` for each request of this process's HTTP(S) servers that carries `EXCHANGE_HEADER`, ms
 * being from the request's start (its headers parsed) to its response's finish (the last byte handed to the OS).
 * Any other request costs one header lookup. Returns the unsubscribe.
 */
export function timeTaggedRequests(onTimed) {
  const started = new WeakMap();
  const onStart = ({ request }) => {
    const id = request.headers[EXCHANGE_HEADER];
    if (typeof id === "string") started.set(request, { id, at: performance.now() });
  };
  const onFinish = ({ request }) => {
    const start = started.get(request);
    if (start) onTimed(start.id, performance.now() - start.at);
  };
  subscribe("http.server.request.start", onStart);
  subscribe("http.server.response.finish", onFinish);
  return () => {
    unsubscribe("http.server.request.start", onStart);
    unsubscribe("http.server.response.finish", onFinish);
  };
}
