import autocannon from "autocannon";
import { availableParallelism } from "node:os";
import { machineBusyCpuMs, processTreeCpuMs } from "./process-cpu";
import type { ClockWindow } from "./profile-summary";

/** One kind of request, sent over and over for a round. */
export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * One `Cookie` value per request, used in order (each login's own step cookie). Should a round outrun the pool,
   * the last cookie is sent again and the overrun is counted: those requests are replays, not new logins.
   */
  cookiePool?: readonly string[];
}

export interface RoundResult {
  /** Responses received. */
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses whose status was not the expected one. */
  unexpected: number;
  statusCounts: Record<string, number>;
  /** CPU time of the server's process tree during the round, or `undefined` without `/proc`. */
  serverCpuMs?: number;
  /** CPU time of this process (the load generator), to tell a server-bound round from a client-bound one. */
  clientCpuMs: number;
  /**
   * Share of the machine's CPU capacity used by other processes during the round (neither the server nor the load
   * generator), or `undefined` without `/proc`. Above a few percent, the round competed with other work.
   */
  backgroundCpuPercent?: number;
  /** When the load ran, on the monotonic clock that CPU profiles use. */
  window: ClockWindow;
  /** Requests prepared with a cookie already used (see `cookiePool`); may include one unsent request per connection. */
  poolOverrun: number;
}

/** Drives one server with `connections` keep-alive connections for `seconds`, measuring its CPU time. */
export async function runRound(options: {
  url: string;
  request: LoadRequest;
  expectedStatus: number;
  connections: number;
  seconds: number;
  serverPid: number;
}): Promise<RoundResult> {
  const { cookiePool, ...request } = options.request;
  let next = 0;
  let poolOverrun = 0;
  const requests: autocannon.Request[] = [
    cookiePool
      ? {
          ...request,
          setupRequest: (raw) => {
            const cookie = cookiePool[next] ?? cookiePool[cookiePool.length - 1] ?? "";
            if (next >= cookiePool.length) poolOverrun += 1;
            next += 1;
            return { ...raw, headers: { ...request.headers, cookie } };
          },
        }
      : request,
  ];
  const machineBefore = machineBusyCpuMs();
  const serverBefore = processTreeCpuMs(options.serverPid);
  const clientBefore = process.cpuUsage();
  const startUs = monotonicUs();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests,
  });
  const endUs = monotonicUs();
  const client = process.cpuUsage(clientBefore);
  const serverAfter = processTreeCpuMs(options.serverPid);
  const machineAfter = machineBusyCpuMs();
  const clientCpuMs = (client.user + client.system) / 1000;
  const serverCpuMs = serverBefore !== undefined && serverAfter !== undefined ? serverAfter - serverBefore : undefined;
  const background =
    machineBefore !== undefined && machineAfter !== undefined && serverCpuMs !== undefined
      ? machineAfter - machineBefore - serverCpuMs - clientCpuMs
      : undefined;

  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  const responses = result.requests.total;
  return {
    requests: responses,
    seconds: result.duration,
    requestsPerSecond: responses / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    unexpected: responses - (statusCounts[String(options.expectedStatus)] ?? 0),
    statusCounts,
    ...(serverCpuMs !== undefined ? { serverCpuMs } : {}),
    clientCpuMs,
    ...(background !== undefined
      ? { backgroundCpuPercent: Math.max(0, (100 * background) / (result.duration * 1000 * availableParallelism())) }
      : {}),
    window: { startUs, endUs },
    poolOverrun,
  };
}

function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
