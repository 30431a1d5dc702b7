import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createActionsCache } from "./cache";
import { resumePostLogin } from "./pipeline";
import { collectLogs, makeAction, makeContext, makeUser, run } from "./test-fixtures";
import type { SuspendedPipeline } from "./types";

const timedOut = (name: string, ms: number) =>
  `Request to Webtask exceeded allowed execution time: the Action "${name}" was still running when the ${ms} ms budget ran out.`;

const onExecute = (body: string, name: string) => makeAction(`exports.onExecutePostLogin = async (event, api) => {\n${body}\n};`, { name });

/** The Actions' timers and the budget's deadline both read these globals; vm's watchdog stays on real time. */
const useFakeClock = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });

/** Settles `pending` while a fake clock runs `ms` forward, firing the Actions' timers and the budget's own. */
async function onFakeClock<T>(pending: Promise<T>, ms: number): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  return pending;
}

describe("execution budget", () => {
  describe("one Action", () => {
    describe("synchronous code, stopped by vm's watchdog on real time", () => {
      it("stops a synchronous endless loop", async () => {
        const { outcome } = await run([onExecute("while (true) {}", "spin")], { timeoutMs: 100 });
        expect(outcome).toEqual({ kind: "failed", message: timedOut("spin", 100), action: "spin", userUpdates: {} });
      });

      it("stops an endless loop at the module's top level", async () => {
        const action = makeAction("while (true) {}\nexports.onExecutePostLogin = async () => {};", { name: "top" });
        expect((await run([action], { timeoutMs: 100 })).outcome).toMatchObject({ kind: "failed", message: timedOut("top", 100) });
      });
    });

    describe("asynchronous code, on a fake clock", () => {
      beforeEach(useFakeClock);
      afterEach(() => vi.useRealTimers());

      it("abandons a promise that never settles", async () => {
        const { outcome } = await onFakeClock(run([onExecute("await new Promise(() => {});", "hang")], { timeoutMs: 100 }), 100);
        expect(outcome).toMatchObject({ kind: "failed", message: timedOut("hang", 100), action: "hang" });
      });

      it("discards what the timed-out Action queued, even if it finishes later", async () => {
        const slow = onExecute('await new Promise((r) => setTimeout(r, 150)); api.user.setAppMetadata("late", true);', "slow");
        const { outcome } = await onFakeClock(run([slow], { timeoutMs: 50 }), 50);
        await vi.advanceTimersByTimeAsync(200);
        expect(outcome).toMatchObject({ kind: "failed", userUpdates: {} });
      });
    });
  });

  describe("a whole leg, on a fake clock", () => {
    beforeEach(useFakeClock);
    afterEach(() => vi.useRealTimers());

    it("shares one budget among the Actions of the leg, naming the one that ran out", async () => {
      const wait = (name: string) => onExecute("await new Promise((r) => setTimeout(r, 120));", name);
      const { outcome } = await onFakeClock(run([wait("first"), wait("second")], { timeoutMs: 200 }), 200);
      expect(outcome).toMatchObject({ kind: "failed", action: "second", message: timedOut("second", 200) });
    });

    it("gives the resumed leg a fresh budget", async () => {
      const action = makeAction(
        `exports.onExecutePostLogin = async (event, api) => {
           await new Promise((r) => setTimeout(r, 120));
           api.redirect.sendUserTo("https://app.example.com/step");
         };
         exports.onContinuePostLogin = async () => { await new Promise((r) => setTimeout(r, 120)); };`,
        { name: "two-legs" },
      );
      const started = await onFakeClock(run([action], { timeoutMs: 200 }), 120);
      expect(started.outcome.kind).toBe("redirect");
      const suspended = (started.outcome as { suspended: SuspendedPipeline }).suspended;
      const resuming = resumePostLogin({
        suspended,
        actionsById: { [action.id]: action },
        user: makeUser(),
        request: makeContext().request,
        cache: createActionsCache(),
        log: collectLogs().log,
        timeoutMs: 200,
      });
      expect((await onFakeClock(resuming, 120)).kind).toBe("completed");
    });
  });
});
