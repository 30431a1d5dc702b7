import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const SKIPPED = new Set(["node_modules", ".next", ".git", ".data"]);

/** Every `.ts`/`.tsx` file of the project, as a path relative to the root with `/` separators. */
function sourceFiles(directory = ROOT): string[] {
  return readdirSync(directory).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

/** The project files `file` imports, type-only imports and re-exports included (a type-only cycle is still a cycle). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    const base = fileName.startsWith("@/")
      ? path.join(ROOT, fileName.slice(2))
      : fileName.startsWith(".")
        ? path.resolve(path.dirname(path.join(ROOT, file)), fileName)
        : undefined;
    if (base === undefined) return [];
    const found = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((suffix) => base + suffix).find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    return found ? [path.relative(ROOT, found).split(path.sep).join("/")] : [];
  });
}

/** The strongly connected components of more than one file (Tarjan), each sorted: the import cycles. */
function importCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

const graph = new Map(sourceFiles().map((file) => [file, importsOf(file)]));

/**
 * In production code, lib/ and auth0-tenant/ meet only at the one config module and the one reader of the terms
 * documents (a test may drive one part with the other).
 */
const SHARED_WITH_THE_TENANT = /^lib\/(config\/|terms\/documents\.ts$)/;

describe("the import graph", () => {
  it("reads the project's files and their imports", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("auth0-tenant/sync/plan.ts")).toContain("auth0-tenant/sync/plan-types.ts");
  });

  it("has no import cycles", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const cyclic = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(importCycles(cyclic)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("lets lib/ and auth0-tenant/ import each other only through lib/config and lib/terms/documents", () => {
    const production = [...graph].filter(([file]) => !/\.test\.ts$/.test(file));
    const crossing = production.flatMap(([file, imports]) =>
      imports
        .filter(
          (target) =>
            (file.startsWith("lib/") && target.startsWith("auth0-tenant/")) ||
            (file.startsWith("auth0-tenant/") && target.startsWith("lib/") && !SHARED_WITH_THE_TENANT.test(target)),
        )
        .map((target) => `${file} -> ${target}`),
    );
    expect(crossing).toEqual([]);
  });
});
