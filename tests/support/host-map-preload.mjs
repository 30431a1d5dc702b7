// Loaded into a server under test with NODE_OPTIONS=--import=<this file's URL>?HOST:443=127.0.0.1:PORT (several
// separated by &): this process's fetch reaches each public host name at a loopback port, as if DNS said so, while TLS
// still sends and checks the name. What a resolver answers lies outside the product: the app in that process runs
// unchanged and configured as for a real tenant (AUTH0_DOMAIN=HOST). Plain JavaScript, since Node loads it as is.
import { Agent, buildConnector, setGlobalDispatcher } from "undici";

const routes = new Map(
  [...new URL(import.meta.url).searchParams].map(([from, to]) => {
    const [host, port] = to.split(":");
    return [from.toLowerCase(), { host, port }];
  }),
);
const connect = buildConnector({});

setGlobalDispatcher(
  new Agent({
    connect(options, callback) {
      const route = routes.get(`${options.hostname.toLowerCase()}:${options.port || (options.protocol === "https:" ? "443" : "80")}`);
      if (!route) return connect(options, callback);
      return connect({ ...options, servername: options.servername ?? options.hostname, hostname: route.host, port: route.port }, callback);
    },
  }),
);
