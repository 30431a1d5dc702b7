import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { testChromiumPath } from "../../../lib/config";

/** Where Chromium or Chrome lives after a default install, per platform, in the order tried. */
export const DEFAULT_CHROMIUM_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"],
  darwin: ["/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
  win32: [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
    path.win32.join(homedir(), "AppData", "Local", "Google", "Chrome", "Application", "chrome.exe"),
    "C:\\Program Files\\Chromium\\Application\\chrome.exe",
  ],
};

const INSTALL_HINT: Partial<Record<NodeJS.Platform, string>> = {
  linux: "sudo apt-get install -y chromium (Debian, Ubuntu)",
  darwin: "Google Chrome or Chromium in /Applications",
  win32: "Google Chrome",
};

/**
 * The browser the browser tests drive: `CHROMIUM_PATH` when set (it must exist), else a default install of Chromium
 * or Chrome, else the browser Playwright downloads (`npx playwright-core install chromium`, where its download host
 * can be reached). The error says what to install or set.
 */
export function findChromium(
  options: { configured?: string; platform?: NodeJS.Platform; playwrightBrowser?: string } = {
    configured: testChromiumPath(),
    platform: process.platform,
    playwrightBrowser: chromium.executablePath(),
  },
): string {
  const platform = options.platform ?? process.platform;
  if (options.configured !== undefined) {
    if (existsSync(options.configured)) return options.configured;
    throw new Error(`CHROMIUM_PATH is ${options.configured}, where there is no file: set it to Chromium's or Chrome's executable.`);
  }
  const candidates = [...(DEFAULT_CHROMIUM_PATHS[platform] ?? []), ...(options.playwrightBrowser ? [options.playwrightBrowser] : [])];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new Error(
    `No Chromium found (looked for ${candidates.join(", ")}). Install ${INSTALL_HINT[platform] ?? "Chromium"}, ` +
      "or Playwright's own with npx playwright-core install chromium, or set CHROMIUM_PATH to a Chromium or Chrome executable.",
  );
}

export interface ChromiumOptions {
  trustedSpki?: string[];
  hostMap?: Record<string, string>;
}

/**
 * `hostMap`: `host:port` to `address:port`, e.g. a tenant's public host name to its loopback port.
 * `trustedSpki`: base64 SHA-256 hashes of the public keys (`spkiSha256`) of self-signed certificates to accept, and
 * only those: any other certificate error still fails, as it would for a user.
 */
export function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs(options) });
}

/**
 * A browser with a profile of its own in `userDataDir` whose preferences allow third-party cookies
 * (`cookie_controls_mode` 0), as Chrome's default settings do: a page that frames another site's page (silent
 * authentication) needs that. Without the preference Chromium (156, headless) blocks them in a new profile too, as
 * it does in `browser.newContext()`'s Incognito-like contexts. Close the context to close the browser.
 */
export async function launchChromiumProfile(userDataDir: string, options: ChromiumOptions = {}): Promise<BrowserContext> {
  await mkdir(path.join(userDataDir, "Default"), { recursive: true });
  await writeFile(path.join(userDataDir, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  return chromium.launchPersistentContext(userDataDir, { executablePath: findChromium(), headless: true, args: chromiumArgs(options) });
}

function chromiumArgs(options: ChromiumOptions): string[] {
  const trust = options.trustedSpki?.length ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(",")}`] : [];
  // `host:443` to `127.0.0.1:PORT`, as DNS would send the browser to a public host name; nothing else is remapped.
  const rules = Object.entries(options.hostMap ?? {}).map(([from, to]) => `MAP ${from} ${to}`);
  const resolver = rules.length ? [`--host-resolver-rules=${rules.join(",")}`] : [];
  // Without the background-networking flags Chromium keeps trying to reach Google's hosts on a closed network.
  return ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", ...trust, ...resolver];
}
