import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROCESS_USAGE_UNAVAILABLE, processUsage, usageBetween } from "./process-usage";

const describeWhereMeasurable = PROCESS_USAGE_UNAVAILABLE === undefined ? describe : describe.skip;

describeWhereMeasurable(`processUsage${PROCESS_USAGE_UNAVAILABLE ? ` (skipped: ${PROCESS_USAGE_UNAVAILABLE})` : ""}`, () => {
  it("counts the bytes this process writes to a file, and the CPU time it spends", async () => {
    const dir = await mkdtemp(join(tmpdir(), "process-usage-"));
    try {
      const before = await processUsage(process.pid);
      const file = await open(join(dir, "written"), "w");
      await file.writeFile(Buffer.alloc(1024 * 1024, 1));
      await file.sync();
      await file.close();
      for (const started = performance.now(); performance.now() - started < 200; );
      const used = usageBetween(before, await processUsage(process.pid));
      expect(used.writeBytes).toBeGreaterThanOrEqual(1024 * 1024);
      // Ticks are 10 ms: a 200 ms busy loop is at least 150 ms of them, whatever the rounding.
      expect(used.cpuMs).toBeGreaterThanOrEqual(150);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
