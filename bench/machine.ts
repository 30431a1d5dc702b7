import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  next: string;
  autocannon: string;
  /** 1, 5 and 15 minutes, at the start: above the core count, other work competed with the bench. */
  loadAverageAtStart: number[];
}

export function machineFacts(projectDir: string): MachineFacts {
  const versionOf = (name: string) =>
    (JSON.parse(readFileSync(path.join(projectDir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    next: versionOf("next"),
    autocannon: versionOf("autocannon"),
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}
