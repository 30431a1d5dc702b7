import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

export interface ScriptFile {
  /** As the page references it: `/_next/static/chunks/….js`. */
  src: string;
  bytes: number;
  gzipBytes: number;
}

export interface Scripts {
  files: ScriptFile[];
  bytes: number;
  gzipBytes: number;
}

export interface RouteWeight {
  route: string;
  /** Everything a first visit loads: Next's runtime (`rootMainFiles`) and the chunks of every entry of the page. */
  firstLoad: Scripts;
  /** What it loads beyond the framework's minimum: its own client components' chunks. */
  own: Scripts;
  /** What the rendered HTML references, when a server of the same build was asked. */
  html?: { scriptSources: string[]; matchesManifest: boolean; inlineScriptBytes: number };
}

export interface PageWeightResult {
  buildId: string;
  /**
   * The framework's minimum in this build: the first load of Next's own 404 page, an empty page in the root
   * layout. Polyfills are left out everywhere: `nomodule`, loaded by legacy browsers only.
   */
  frameworkMinimum: Scripts;
  routes: RouteWeight[];
}

/** Next's built-in page that renders nothing of ours but the root layout. */
const MINIMUM_ROUTE = "/_not-found";

/**
 * First-load JavaScript of `routes` (pages, or route handlers that answer HTML), computed from the production build's manifests (Next 16 no longer prints it),
 * with gzip sizes (zlib, level 9). With `appUrl`, each route's HTML is fetched (no cookies) and its `<script src>`
 * list compared with the manifests, so the computation is checked against what browsers are really sent.
 */
export async function measurePageWeight(projectDir: string, routes: readonly string[], appUrl?: string): Promise<PageWeightResult> {
  const nextDir = path.join(projectDir, ".next");
  const readJson = <T>(file: string) => JSON.parse(readFileSync(path.join(nextDir, file), "utf8")) as T;
  const rootMainFiles = readJson<{ rootMainFiles: string[] }>("build-manifest.json").rootMainFiles;
  const pageOfRoute = new Map(Object.entries(readJson<Record<string, string>>("app-path-routes-manifest.json")).map(([page, route]) => [route, page]));
  const sizes = new Map<string, ScriptFile>();
  const script = (file: string): ScriptFile => {
    let found = sizes.get(file);
    if (!found) {
      const content = readFileSync(path.join(nextDir, file));
      found = { src: `/_next/${file}`, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
      sizes.set(file, found);
    }
    return found;
  };
  const firstLoadOf = (route: string): string[] => {
    const page = pageOfRoute.get(route);
    if (!page) throw new Error(`the build has no page for ${route}`);
    // A route handler's page (the steps' pages) is HTML of our own: it loads no script at all.
    if (page.endsWith("/route")) return [];
    return [...new Set([...rootMainFiles, ...Object.values(clientEntries(nextDir, page)).flat()])];
  };

  const minimum = firstLoadOf(MINIMUM_ROUTE);
  const measured: RouteWeight[] = [];
  for (const route of routes) {
    const firstLoad = firstLoadOf(route);
    measured.push({
      route,
      firstLoad: total(firstLoad.map(script)),
      own: total(firstLoad.filter((file) => !minimum.includes(file)).map(script)),
      ...(appUrl ? { html: await htmlScripts(appUrl, route, firstLoad.map((file) => `/_next/${file}`)) } : {}),
    });
  }
  return {
    buildId: readFileSync(path.join(nextDir, "BUILD_ID"), "utf8").trim(),
    frameworkMinimum: total(minimum.map(script)),
    routes: measured,
  };
}

/** `entryJSFiles` of a page's client reference manifest: per entry (layout, page), the chunks it loads. */
function clientEntries(nextDir: string, page: string): Record<string, string[]> {
  const file = path.join(nextDir, "server", "app", `${page}_client-reference-manifest.js`);
  // The manifest is a script that assigns `globalThis.__RSC_MANIFEST[page]`: run it in an empty context of its own.
  const context: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  runInNewContext(readFileSync(file, "utf8"), context);
  const manifest = context.__RSC_MANIFEST?.[page];
  if (!manifest?.entryJSFiles) throw new Error(`${file} has no entryJSFiles for ${page}`);
  return manifest.entryJSFiles;
}

async function htmlScripts(appUrl: string, route: string, expected: string[]): Promise<NonNullable<RouteWeight["html"]>> {
  const response = await fetch(new URL(route, appUrl), { redirect: "manual", signal: AbortSignal.timeout(10_000) });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${route} answered ${response.status}`);
  const scriptSources: string[] = [];
  let inlineScriptBytes = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
    if (src) {
      if (!/\bnoModule\b/i.test(attributes)) scriptSources.push(src.replace(/\?.*$/, ""));
    } else {
      inlineScriptBytes += Buffer.byteLength(match[2] ?? "");
    }
  }
  const sent = new Set(scriptSources);
  return {
    scriptSources,
    matchesManifest: sent.size === expected.length && expected.every((src) => sent.has(src)),
    inlineScriptBytes,
  };
}

function total(files: ScriptFile[]): Scripts {
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}
