// Preloaded into `next start` by the bench (`--import` in NODE_OPTIONS): appends `<id> <ms>` to the file named by
// BENCH_SERVER_TIMING_FILE for each request the bench's client tagged. Synchronous appends to one descriptor: the
// lines of concurrent requests cannot interleave, and none is lost if the process is killed.
import { openSync, writeSync } from "node:fs";
import { timeTaggedRequests } from "./tagged-request-timing.mjs";

const file = process.env.BENCH_SERVER_TIMING_FILE;
if (!file) throw new Error("server-timing-hook.mjs: BENCH_SERVER_TIMING_FILE names no file");
const fd = openSync(file, "a");
timeTaggedRequests((id, ms) => writeSync(fd, `${id} ${ms.toFixed(3)}\n`));
