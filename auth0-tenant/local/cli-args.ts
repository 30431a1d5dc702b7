/**
 * `--port 4000 --tls-port 4443 --data-dir .data/local-tenant` (also `--port=4000`); the CLI reads nothing from the
 * environment. The TLS port serves the Management API to `npm run tenant:sync` (the `auth0` SDK speaks only https).
 */
export interface CliOptions {
  port: number;
  tlsPort: number;
  dataDir: string;
}

const USAGE = "usage: tsx auth0-tenant/local/main.ts [--port 4000] [--tls-port 4443] [--data-dir .data/local-tenant]";

function portOf(flag: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag} must be an integer from 0 to 65535\n${USAGE}`);
  return port;
}

export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 4000, tlsPort: 4443, dataDir: ".data/local-tenant" };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === "--port") {
      options.port = portOf(flag, value);
    } else if (flag === "--tls-port") {
      options.tlsPort = portOf(flag, value);
    } else if (flag === "--data-dir") {
      options.dataDir = value;
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}
