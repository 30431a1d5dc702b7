import { describe, expect, it } from "vitest";
import { parseBenchArgs, PHASES, type BenchOptions } from "./cli-args";

const parse = (argv: string[]) => parseBenchArgs(argv) as BenchOptions;

describe("parseBenchArgs", () => {
  it("runs every phase, the cold start included, by default", () => {
    expect([...parse([]).phases]).toEqual([...PHASES]);
    expect(PHASES).toContain("cold-start");
  });

  it("runs the cold start alone with --only=cold-start", () => {
    expect([...parse(["--only=cold-start"]).phases]).toEqual(["cold-start"]);
    expect([...parse(["--quick", "--only=hot-path,cold-start"]).phases]).toEqual(["hot-path", "cold-start"]);
  });

  it("takes 5 cold-start samples of each kind, 2 with --quick", () => {
    expect(parse([]).coldStartSamples).toBe(5);
    expect(parse(["--quick"]).coldStartSamples).toBe(2);
  });

  it("refuses an unknown phase, naming the known ones", () => {
    expect(() => parseBenchArgs(["--only=cold"])).toThrow(/^--only: unknown phase "cold" \(one of hot-path, cold-start, /);
  });
});
