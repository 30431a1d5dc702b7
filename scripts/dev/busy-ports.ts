import { createServer } from "node:net";
import { CodedError } from "../../contract/coded-error";

/** A port one of our servers is about to listen on, and the setting that moves it. */
export interface PortUse {
  port: number;
  /** The loopback addresses the server binds: a port taken on any of them is taken. */
  hosts: string[];
  /** Whose port it is, e.g. "the app". */
  owner: string;
  /** What to change, e.g. "set PORT=3001". */
  fix: string;
}

/** A port that cannot be had: another process holds it, or (below 1024, on Linux) this user may not listen there. */
export interface BusyPort extends PortUse {
  why: "in-use" | "privileged";
}

const sentenceOf = (use: BusyPort) =>
  use.why === "privileged"
    ? `Port ${use.port} (${use.owner}) needs privileges to listen on (EACCES): run it as root, or ${use.fix}.`
    : `Port ${use.port} (${use.owner}) is in use: stop what listens there, or ${use.fix}.`;

/** Thrown before any server starts when a port it needs is taken; the message names the variable to change. */
export class PortBusyError extends CodedError<"ERR_PORT_BUSY"> {
  constructor(readonly busy: BusyPort[]) {
    super("ERR_PORT_BUSY", busy.map(sentenceOf).join("\n"));
  }
}

const NO_IPV6 = new Set(["EADDRNOTAVAIL", "EAFNOSUPPORT", "EPROTONOSUPPORT"]);

function taken(port: number, host: string): Promise<BusyPort["why"] | undefined> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") resolve("in-use");
      else if (error.code === "EACCES") resolve("privileged");
      else if (NO_IPV6.has(error.code ?? "")) resolve(undefined);
      else reject(error);
    });
    probe.listen({ port, host, ipv6Only: host === "::1", exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/**
 * Checks every port before anything listens, so that a taken one is reported with its variable, never after a
 * banner. A port taken between this check and the listen still fails, with Node's EADDRINUSE.
 *
 * @throws {PortBusyError} listing every taken port.
 */
export async function assertPortsFree(uses: PortUse[]): Promise<void> {
  const busy: BusyPort[] = [];
  for (const use of uses) {
    const why = (await Promise.all(use.hosts.map((host) => taken(use.port, host)))).find(Boolean);
    if (why) busy.push({ ...use, why });
  }
  if (busy.length > 0) throw new PortBusyError(busy);
}

/** The local tenant's two ports; `withFlags` for `npm run tenant:local`, whose flags override the variables. */
export function localTenantPortUses(tenant: { port: number; tlsPort?: number; https?: boolean; publicHost?: string }, withFlags = false): PortUse[] {
  const main: PortUse = {
    port: tenant.port,
    hosts: ["127.0.0.1", "::1"],
    owner: "the local tenant",
    fix: tenant.publicHost
      ? `pass --port <another port> (clients then reach ${tenant.publicHost}:443 only through a mapping to it, see README)`
      : `set AUTH0_DOMAIN=${tenant.https ? "" : "http://"}localhost:<another port> in .env.local${withFlags ? " (or pass --port)" : ""}`,
  };
  // The https tenant serves everything on its one port.
  if (tenant.https || tenant.tlsPort === undefined) return [main];
  return [
    main,
    {
      port: tenant.tlsPort,
      hosts: ["127.0.0.1", "::1"],
      owner: "the local tenant's TLS port, for the Management API",
      fix: `set LOCAL_TENANT_TLS_PORT=<another port> in .env.local${withFlags ? " (or pass --tls-port)" : ""}`,
    },
  ];
}
