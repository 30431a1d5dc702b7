import { readFile } from "node:fs/promises";

/** What a process has cost so far, as Linux accounts it for the whole process (every thread). */
export interface ProcessUsage {
  /** Bytes the process caused to be written to storage (`write_bytes` of `/proc/<pid>/io`): files, not sockets. */
  writeBytes: number;
  /** User and system CPU time, in milliseconds (`utime` + `stime` of `/proc/<pid>/stat`). */
  cpuMs: number;
}

/** Why `processUsage` cannot be measured here, or `undefined` where it can (Linux with `/proc/<pid>/io`). */
export const PROCESS_USAGE_UNAVAILABLE: string | undefined =
  process.platform === "linux" ? undefined : `reads /proc/<pid>/io and /proc/<pid>/stat, which ${process.platform} lacks`;

/** `USER_HZ`, the unit of `/proc/<pid>/stat`'s times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export async function processUsage(pid: number): Promise<ProcessUsage> {
  const [io, stat] = await Promise.all([readFile(`/proc/${pid}/io`, "utf8"), readFile(`/proc/${pid}/stat`, "utf8")]);
  const writeBytes = Number(/^write_bytes: (\d+)$/m.exec(io)?.[1]);
  // The command name (field 2) may hold spaces and parentheses: the fields are counted after its closing one.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(writeBytes) || !Number.isFinite(ticks)) throw new Error(`unreadable /proc/${pid}/io or /proc/${pid}/stat`);
  return { writeBytes, cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND };
}

/** What the process cost from `before` to `after`. */
export function usageBetween(before: ProcessUsage, after: ProcessUsage): ProcessUsage {
  return { writeBytes: after.writeBytes - before.writeBytes, cpuMs: after.cpuMs - before.cpuMs };
}
