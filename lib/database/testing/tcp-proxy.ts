import { connect, createServer, type Server, type Socket } from "node:net";

export type ProxyMode = "forward" | "reset" | "stall" | "refuse";

export interface TcpProxy {
  port: number;
  /**
   * `forward`: a working server; `reset`: every connection is cut (a crashed server); `stall`: accepted, never
   * answered (a hung server); `refuse`: nothing listens on the port (a stopped server), until another mode.
   */
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of a real server, to take it "down" and bring it back during a test. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = "forward";
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    if (mode === "reset") return void client.destroy();
    if (mode === "stall") return;
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("connect", () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    setMode(next) {
      const previous = mode;
      mode = next;
      if (next !== "forward") for (const socket of sockets) socket.destroy();
      if (next === "refuse" && previous !== "refuse") server.close();
      if (previous === "refuse" && next !== "refuse") server.listen(address.port, "127.0.0.1");
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
