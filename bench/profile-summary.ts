import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The parts of V8's `.cpuprofile` (written by `node --cpu-prof`) that the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  /** Microseconds on the machine's monotonic clock, the one `process.hrtime` reads in every process. */
  startTime: number;
  /** Microseconds since the previous sample. */
  timeDeltas: number[];
}

/** A span of the monotonic clock, in microseconds (`process.hrtime.bigint() / 1000n`). */
export interface ClockWindow {
  startUs: number;
  endUs: number;
}

export interface TimeShare {
  name: string;
  ms: number;
  /** Of the busy (non-idle) time. */
  percent: number;
}

export interface ProfileSummary {
  /** What the samples were taken during, e.g. the rounds of `next:intake`. */
  name: string;
  file: string;
  busyMs: number;
  idleMs: number;
  /** Self time by where the code comes from: a package, Node's internals, the app's bundle, GC… */
  byArea: TimeShare[];
  /** Functions by self time. */
  topSelf: TimeShare[];
  /** Functions by inclusive time (self plus callees), each sample counted once per function on its stack. */
  topTotal: TimeShare[];
}

const META_FRAMES = new Set(["(root)", "(program)", "(idle)", "(garbage collector)"]);
const LISTED = 40;

/** The main thread's profile in `directory`: the largest file (worker threads write their own, smaller ones). */
export function readMainProfile(directory: string): { file: string; profile: CpuProfile } | undefined {
  const file = readdirSync(directory)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(directory, name))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  return file ? { file, profile: JSON.parse(readFileSync(file, "utf8")) as CpuProfile } : undefined;
}

/**
 * Where the CPU time of the samples taken within `windows` went (the measured rounds of a target, not the
 * server's start or its warm-up): by area, by function's own time, and by function including its callees.
 */
export function summarizeProfile(
  name: string,
  profileFile: { file: string; profile: CpuProfile },
  windows: readonly ClockWindow[],
  projectDir: string,
): ProfileSummary {
  const { file, profile } = profileFile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const frameName = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return "(unknown)";
    if (META_FRAMES.has(frame.functionName)) return frame.functionName;
    return `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url, projectDir)}:${frame.lineNumber + 1}`;
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (!windows.some((window) => at >= window.startUs && at <= window.endUs)) return;
    // A sample lasts until the next one (as DevTools counts it).
    const us = profile.timeDeltas[index + 1] ?? 0;
    const callFrame = byId.get(id)?.callFrame;
    if (callFrame?.functionName === "(idle)") {
      idleUs += us;
      return;
    }
    busyUs += us;
    const name = frameName(id);
    self.set(name, (self.get(name) ?? 0) + us);
    const area = areaOf(callFrame?.functionName ?? "", callFrame?.url ?? "");
    areas.set(area, (areas.get(area) ?? 0) + us);
    const onStack = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
      const frame = frameName(node);
      if (!META_FRAMES.has(frame)) onStack.add(frame);
    }
    for (const frame of onStack) total.set(frame, (total.get(frame) ?? 0) + us);
  });
  const shares = (map: Map<string, number>): TimeShare[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, LISTED)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: busyUs === 0 ? 0 : (100 * us) / busyUs }));
  return {
    name,
    file: path.relative(projectDir, file),
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    byArea: shares(areas),
    topSelf: shares(self),
    topTotal: shares(total),
  };
}

function areaOf(functionName: string, url: string): string {
  if (functionName === "(garbage collector)") return "V8: garbage collector";
  if (functionName === "(program)") return "V8: native (program)";
  if (url === "") return `V8: ${functionName || "native"}`;
  if (url.startsWith("node:")) return "Node.js internals";
  // The only WebAssembly here is PGlite's PostgreSQL.
  if (url.startsWith("wasm://")) return "WebAssembly (PGlite)";
  const bundled = /\/\.next\/server\/(.+)$/.exec(url);
  if (bundled?.[1]) return `.next/server bundle: ${bundled[1].replace(/^chunks\//, "")}`;
  const nodeModules = url.lastIndexOf("/node_modules/");
  if (nodeModules !== -1) {
    const [scopeOrName, name] = url.slice(nodeModules + "/node_modules/".length).split("/");
    return `package: ${scopeOrName?.startsWith("@") ? `${scopeOrName}/${name ?? ""}` : (scopeOrName ?? "")}`;
  }
  return "project source (run by tsx)";
}

function shortUrl(url: string, projectDir: string): string {
  const file = url.startsWith("file://") ? url.slice("file://".length) : url;
  return file.startsWith(projectDir) ? path.relative(projectDir, file) : file;
}
