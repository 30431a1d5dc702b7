import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Where the browser tests write their screenshots (git-ignored). */
export const SCREENSHOT_DIRECTORY = path.join(process.cwd(), "test-results", "screens");

export const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** axe-core's serious and critical violations of the page as it is now, as `rule: targets` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the pages' CSP (no script) does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`);
}

/** How far the page is wider than its viewport, in CSS pixels (0 when nothing scrolls sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/**
 * At each width: a full-page screenshot (`<name>-<width>.png`), no sideways scrolling, and (with `axe`, the
 * default) no serious or critical axe violation. Returns what failed, so one assertion shows every width's problems.
 * axe-core needs the page's timers, which do not run with JavaScript off: such pages pass `{ axe: false }`.
 */
export async function checkAtBothWidths(page: Page, name: string, options: { axe?: boolean } = {}): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  const problems: string[] = [];
  for (const size of Object.values(WIDTHS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SCREENSHOT_DIRECTORY, `${name}-${size.width}.png`), fullPage: true });
    const overflow = await sidewaysOverflow(page);
    if (overflow > 0) problems.push(`${name} at ${size.width} px: ${overflow} px wider than the viewport`);
    if (options.axe === false) continue;
    for (const violation of await seriousViolations(page)) problems.push(`${name} at ${size.width} px: ${violation}`);
  }
  await page.setViewportSize(WIDTHS.desktop);
  return problems;
}
