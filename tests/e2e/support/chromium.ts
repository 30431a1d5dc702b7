import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The system Chromium (Playwright cannot download its own browser here). */
export function findChromium(): string {
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `No Chromium found (looked for ${CANDIDATES.join(", ")}). Install it with: sudo apt-get install -y chromium`,
    );
  }
  return found;
}

/**
 * `trustedSpki`: base64 SHA-256 hashes of the public keys (`spkiSha256`) of self-signed certificates to accept, and
 * only those: any other certificate error still fails, as it would for a user.
 */
export function launchChromium(options: { trustedSpki?: string[] } = {}): Promise<Browser> {
  const trust = options.trustedSpki?.length ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(",")}`] : [];
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // Without the background-networking flags Chromium keeps trying to reach Google's hosts on a closed network.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", ...trust],
  });
}
