import { buildConnector } from "undici";

/**
 * An undici `connect` for a tenant reached by a public host name (`https://tenant.product-xyz.test`, port 443) that
 * in fact listens on a loopback port: the TCP connection goes to 127.0.0.1:`port`, while TLS still sends and checks
 * the public name (SNI, certificate), as a resolver mapping that name would make it.
 *
 * @example
 * new Pool("https://tenant.product-xyz.test", { connect: connectToLoopback(tenant.port, { ca: [certificate] }) });
 */
export function connectToLoopback(port: number, tls: buildConnector.BuildOptions): buildConnector.connector {
  const connect = buildConnector(tls);
  return (options, callback) => connect({ ...options, servername: options.servername ?? options.hostname, hostname: "127.0.0.1", port: String(port) }, callback);
}
