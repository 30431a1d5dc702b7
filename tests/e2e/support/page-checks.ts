import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Where the browser tests write their screenshots: SCREENSHOT_DIR when set, else test-results/screens (git-ignored). */
export const SCREENSHOT_DIRECTORY = process.env.SCREENSHOT_DIR ?? path.join(process.cwd(), "test-results", "screens");

/** One line of JSON per page and width: axe's violations by impact and the widest element, for the closing note. */
const SUMMARY_FILE = path.join(SCREENSHOT_DIRECTORY, "summary.jsonl");

export const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** The narrowest phone still in use (and WCAG's reflow width): checked for sideways scrolling only. */
export const NARROWEST = { width: 320, height: 640 } as const;

interface Violation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * With JavaScript off, the page's timers never fire, and axe waits on them. Evaluating through the DevTools protocol
 * still runs code and its promises, so for such pages setTimeout is replaced, in that page only, by a microtask:
 * axe then runs on the very DOM the user without JavaScript has (noscript content shown, no script's changes).
 */
const TIMERS_AS_MICROTASKS = `(() => {
  window.setTimeout = (callback, _delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
  window.clearTimeout = () => {};
  window.requestAnimationFrame = (callback) => { Promise.resolve().then(() => callback(performance.now())); return 0; };
})()`;

/** All of axe-core's violations of the page as it is now. */
export async function axeViolations(page: Page, options: { javaScriptOff?: boolean } = {}): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, which the pages' CSP (no script) does not govern.
  if (options.javaScriptOff) await page.evaluate(TIMERS_AS_MICROTASKS);
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.map(({ target }) => ({ target })) }));
  });
}

/** axe-core's serious and critical violations, as `rule: targets` lines. */
function seriousLines(violations: Violation[]): string[] {
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`);
}

/** How far the page is wider than its viewport, in CSS pixels (0 when nothing scrolls sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** The element whose box or content reaches furthest right past the viewport: what to fix when a page scrolls. */
function widestElement(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let widest: { element: Element; right: number } | null = null;
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      // Its content too: a box that fits can hold a line that does not (a long word, a <pre>).
      const box = element.getBoundingClientRect();
      const right = Math.max(box.right, box.left + element.scrollWidth);
      // On a tie the later one, deeper in the tree: the element that overflows rather than its ancestors.
      if (right > window.innerWidth && (!widest || right >= widest.right)) widest = { element, right };
    }
    if (!widest) return null;
    const { element, right } = widest;
    const classes = element.classList.length ? `.${Array.from(element.classList).join(".")}` : "";
    return `${element.tagName.toLowerCase()}${classes} (right edge ${Math.round(right)} px)`;
  });
}

/**
 * At each width: a full-page screenshot (`<name>-<width>.png`), no sideways scrolling, and no serious or critical
 * axe violation. Returns what failed, so one assertion shows every width's problems. A page opened with JavaScript
 * off says so (`javaScriptOff`), for axe to run there (see TIMERS_AS_MICROTASKS).
 */
export async function checkAtBothWidths(page: Page, name: string, options: { javaScriptOff?: boolean } = {}): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  const problems: string[] = [];
  for (const size of Object.values(WIDTHS)) {
    await page.setViewportSize(size);
    const screenshot = path.join(SCREENSHOT_DIRECTORY, `${name}-${size.width}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    const overflow = await sidewaysOverflow(page);
    const widest = overflow > 0 ? await widestElement(page) : null;
    if (overflow > 0) problems.push(`${name} at ${size.width} px: ${overflow} px wider than the viewport, widest ${widest}`);
    const violations = await axeViolations(page, options);
    for (const line of seriousLines(violations)) problems.push(`${name} at ${size.width} px: ${line}`);
    const byImpact: Record<string, number> = {};
    for (const violation of violations) byImpact[violation.impact ?? "unknown"] = (byImpact[violation.impact ?? "unknown"] ?? 0) + 1;
    const rules = violations.map((violation) => `${violation.id} (${violation.impact})`);
    appendFileSync(SUMMARY_FILE, `${JSON.stringify({ name, width: size.width, overflow, widest, byImpact, rules, screenshot })}\n`);
  }
  await page.setViewportSize(WIDTHS.desktop);
  return problems;
}

/**
 * At 320 px: no sideways scrolling, or a line naming the widest element. Width only: the layout at 390 px already
 * has its screenshot and axe run, and axe's findings do not depend on the width.
 */
export async function checkAtNarrowestWidth(page: Page, name: string): Promise<string[]> {
  await page.setViewportSize(NARROWEST);
  const overflow = await sidewaysOverflow(page);
  const widest = overflow > 0 ? await widestElement(page) : null;
  await page.setViewportSize(WIDTHS.desktop);
  return overflow > 0 ? [`${name} at ${NARROWEST.width} px: ${overflow} px wider than the viewport, widest ${widest}`] : [];
}
