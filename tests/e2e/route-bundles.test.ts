import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What `next start` loads for a route, read from the build this run made (global-setup.ts): the chunks its entry
 * file loads before the route's first request, and the sources that went into them (their source maps). A chunk
 * that a dynamic `import()` needs is loaded only when that import runs, so it is not among them.
 */
const NEXT_DIR = path.join(process.cwd(), ".next");

interface SourceMap {
  sources?: string[];
  sections?: Array<{ map: SourceMap }>;
}

function sourcesOf(map: SourceMap): string[] {
  return [...(map.sources ?? []), ...(map.sections ?? []).flatMap((section) => sourcesOf(section.map))];
}

/** The packages (`node_modules/<name>/`) whose code a route's entry loads, e.g. `app/terms/start/route`. */
function packagesLoadedBy(entry: string): Set<string> {
  const chunks = [...readFileSync(path.join(NEXT_DIR, "server", "app", `${entry}.js`), "utf8").matchAll(/R\.c\("([^"]+)"\)/g)].map((match) => match[1]!);
  expect(chunks.length, `${entry}.js names no chunk: the build's layout changed`).toBeGreaterThan(0);
  const packages = new Set<string>();
  for (const chunk of chunks) {
    const map = JSON.parse(readFileSync(path.join(NEXT_DIR, `${chunk}.map`), "utf8")) as SourceMap;
    for (const source of sourcesOf(map)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
      if (name) packages.add(name);
    }
  }
  return packages;
}

describe("what the built routes load before their first request", () => {
  // A cold start pays for every module the route loads (issue 17): the intake shows no text and checks no access token.
  it("the terms intake loads neither the markdown renderer nor jose", () => {
    const packages = packagesLoadedBy("terms/start/route");
    expect(packages).not.toContain("marked");
    expect(packages).not.toContain("jose");
  });

  it("the terms page does not load the markdown renderer before its first request (it imports it to render a text)", () => {
    expect(packagesLoadedBy("terms/route")).not.toContain("marked");
  });

  it("sees the packages a route does load (the comparison's renderer, the API's jose)", () => {
    expect(packagesLoadedBy("terms/versions/[version]/compare/[other]/page")).toContain("marked");
    expect(packagesLoadedBy("api/consents/route")).toContain("jose");
  });
});
