import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Exchange } from "./app-login";
import { timeTaggedRequests } from "./tagged-request-timing.mjs";

/** Server times by exchange id (the `x-bench-exchange` header the bench's client sends), in ms. */
export type ServerTimes = ReadonlyMap<string, number>;

const HOOK = pathToFileURL(path.join(__dirname, "server-timing-hook.mjs")).href;
/** A line of the hook's file may still be on its way when the client has its response: wait this long for it. */
const FILE_WAIT_MS = 1_000;
const FILE_POLL_MS = 50;

/** For a server in another process (`next start`): what its environment needs to write its times to `file`. */
export function serverTimingOf(file: string): { nodeOptions: string[]; env: Record<string, string> } {
  return { nodeOptions: [`--import=${HOOK}`], env: { BENCH_SERVER_TIMING_FILE: file } };
}

/** In this process (the local tenant runs in the bench's): the times of tagged requests from now until `stop`. */
export function collectServerTimes(): { times: ServerTimes; stop(): void } {
  const times = new Map<string, number>();
  const stop = timeTaggedRequests((id, ms) => times.set(id, ms));
  return { times, stop };
}

/** The hook's file (`<id> <ms>` lines), read once every id of `expected` is in it or after a second at most. */
export async function readServerTimes(file: string, expected: Iterable<string>): Promise<ServerTimes> {
  const deadline = Date.now() + FILE_WAIT_MS;
  for (;;) {
    const times = parseServerTimes(await readHookFile(file));
    if ([...expected].every((id) => times.has(id)) || Date.now() > deadline) return times;
    await new Promise((resolve) => setTimeout(resolve, FILE_POLL_MS));
  }
}

async function readHookFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    // The hook creates its file as it loads.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${file} does not exist: the server did not load server-timing-hook.mjs`);
    throw error;
  }
}

export function parseServerTimes(text: string): ServerTimes {
  const times = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const [id, ms, extra] = line.split(" ");
    if (!id || !ms || extra !== undefined || !Number.isFinite(Number(ms))) throw new Error(`not a server-timing line: "${line}"`);
    times.set(id, Number(ms));
  }
  return times;
}

/**
 * The server's time of one exchange, from the times of the server at its origin. A missing one is an error: the
 * server did not load the hook, or the request went elsewhere; a 0 would make a figure look good.
 */
export function serverTimeOf(exchange: Exchange, timesByOrigin: ReadonlyMap<string, ServerTimes>): number {
  const times = timesByOrigin.get(exchange.url.origin);
  if (!times) throw new Error(`no server times from ${exchange.url.origin} (${exchange.method} ${exchange.url.pathname})`);
  const ms = times.get(exchange.id);
  if (ms === undefined) throw new Error(`no server time for ${exchange.method} ${exchange.url.href} (exchange ${exchange.id})`);
  return ms;
}
