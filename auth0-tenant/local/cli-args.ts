import { PUBLIC_HOST_PORT } from "../../lib/config/dev";
import { DEFAULT_LOCAL_TENANT_DATA_DIR, DEFAULT_LOCAL_TENANT_PORT, DEFAULT_LOCAL_TENANT_TLS_PORT } from "../../lib/config/sync";
import { isHostName } from "./host-name";
import { AUTH0_FREE_RATE_LIMIT, type RateLimit } from "./http/rate-limit";

/**
 * `--port 4000 --tls-port 4443 --data-dir .data/local-tenant` (also `--port=4000`); each flag overrides the default
 * that main.ts reads from the variables `npm run dev` reads. The TLS port serves the Management API to `npm run tenant:sync` (the `auth0` SDK speaks only https).
 * `--management-rate-limit free` (or `RPS/BURST`) turns on Auth0's global Management API limit; it is off by default.
 * `--https` makes it an https tenant: `--port` serves TLS, the issuer is `https://localhost:PORT/`, no `--tls-port`.
 * `--public-host tenant.example.test` (or `AUTH0_DOMAIN=tenant.example.test`) makes it the https tenant of that host
 * name on 443, issuer `https://tenant.example.test/`; with `--port` it listens there instead, and clients map the
 * name's 443 to it.
 */
export interface CliOptions {
  port: number;
  /** Unset with `--https`. */
  tlsPort?: number;
  dataDir: string;
  managementRateLimit?: RateLimit;
  https?: boolean;
  /** With `https`: the host name clients reach it by, on 443. */
  publicHost?: string;
}

const USAGE =
  "usage: tsx auth0-tenant/local/main.ts [--port 4000] [--tls-port 4443] [--data-dir .data/local-tenant] " +
  "[--management-rate-limit free|RPS/BURST] [--https] [--public-host tenant.example.test]";

function portOf(flag: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag} must be an integer from 0 to 65535\n${USAGE}`);
  return port;
}

/** `free` is Auth0 Free's 2 requests a second, burst 2; `RPS/BURST` any other whole figures, e.g. `16/50`. */
function rateLimitOf(flag: string, value: string): RateLimit {
  if (value === "free") return AUTH0_FREE_RATE_LIMIT;
  const figures = /^(\d+)\/(\d+)$/.exec(value);
  const rps = Number(figures?.[1]);
  const burst = Number(figures?.[2]);
  if (!Number.isSafeInteger(rps) || !Number.isSafeInteger(burst) || rps < 1 || burst < 1) {
    throw new Error(`${flag} must be free or RPS/BURST, two whole numbers above 0 (e.g. 16/50)\n${USAGE}`);
  }
  return { rps, burst };
}

const BUILT_IN_DEFAULTS = { port: DEFAULT_LOCAL_TENANT_PORT, tlsPort: DEFAULT_LOCAL_TENANT_TLS_PORT, dataDir: DEFAULT_LOCAL_TENANT_DATA_DIR, https: false };

function hostNameOf(flag: string, value: string): string {
  const host = value.toLowerCase();
  if (!isHostName(host)) {
    throw new Error(`${flag} must be a host name with a dot and no port, e.g. tenant.product-xyz.test\n${USAGE}`);
  }
  return host;
}

/** The local tenant's options from its arguments; a bad argument throws an error that names it, with the usage. */
export function parseCliArgs(
  argv: string[],
  defaults: Pick<CliOptions, "port" | "tlsPort" | "dataDir" | "https" | "publicHost"> = BUILT_IN_DEFAULTS,
): CliOptions {
  const { https, publicHost, ...listen } = defaults;
  const options: CliOptions = { ...listen, ...(https ? { https } : {}), ...(publicHost ? { publicHost } : {}) };
  let portGiven = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    if (arg === "--https") {
      options.https = true;
      continue;
    }
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === "--port") {
      options.port = portOf(flag, value);
      portGiven = true;
    } else if (flag === "--public-host") {
      options.publicHost = hostNameOf(flag, value);
      options.https = true;
      // The name is reached on 443 unless --port says where it listens (before or after this flag).
      if (!portGiven) options.port = PUBLIC_HOST_PORT;
    } else if (flag === "--tls-port") {
      options.tlsPort = portOf(flag, value);
    } else if (flag === "--data-dir") {
      options.dataDir = value;
    } else if (flag === "--management-rate-limit") {
      options.managementRateLimit = rateLimitOf(flag, value);
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  if (options.https) {
    if (argv.some((arg) => arg === "--tls-port" || arg.startsWith("--tls-port="))) {
      throw new Error(`--https serves everything on --port; --tls-port does not apply\n${USAGE}`);
    }
    delete options.tlsPort;
  }
  return options;
}
