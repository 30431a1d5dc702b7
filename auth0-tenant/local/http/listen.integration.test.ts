import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { KEEP_ALIVE_TIMEOUT_MS, listenOnLoopback } from "./listen";

/** Sends one request on `socket` and resolves with the whole response head, or rejects if the socket closes first. */
function exchange(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let head = "";
    const onData = (chunk: Buffer) => {
      head += chunk.toString();
      if (head.includes("\r\n\r\nok")) done(() => resolve(head));
    };
    const onClose = () => done(() => reject(new Error(`the server closed the connection (${head ? "mid-answer" : "before answering"})`)));
    const done = (settle: () => void) => {
      socket.off("data", onData).off("close", onClose);
      settle();
    };
    socket.on("data", onData).on("close", onClose);
    socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
  });
}

describe("listenOnLoopback", () => {
  it("keeps an idle kept-alive connection open longer than Node's 5 s, and says so in Keep-Alive", async () => {
    const listener = await listenOnLoopback((_req, res) => res.end("ok"), 0);
    const socket = connect(listener.port, "127.0.0.1");
    try {
      await new Promise((resolve) => socket.once("connect", resolve));
      expect(await exchange(socket)).toMatch(new RegExp(`\\r\\nKeep-Alive: timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}\\r\\n`, "i"));
      // A client that reuses the connection after 6 s idle (a loaded client's lag past undici's 2 s margin on 5 s).
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await exchange(socket)).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      socket.destroy();
      await listener.close();
    }
  }, 15_000);
});
