import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./chromium";
import { startStack, type Stack } from "./stack";

/**
 * Starts the stack and Chromium before the file's tests, side by side, and stops both after them. Read `stack` and
 * `browser` inside tests and hooks: they exist once the file's `beforeAll` has run.
 *
 * @example
 * const started = useStackAndBrowser();
 * it("…", async () => { const page = await started.browser.newPage(); await page.goto(started.stack.appUrl); });
 */
export function useStackAndBrowser(options?: Parameters<typeof startStack>[0]): { readonly stack: Stack; readonly browser: Browser } {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(options), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} starts in beforeAll: read it inside a test or a hook`);
    return value;
  };
  return {
    get stack() {
      return started(stack, "stack");
    },
    get browser() {
      return started(browser, "browser");
    },
  };
}
