import { describe, expect, it } from "vitest";
import { InMemoryTenant } from "./in-memory-tenant";
import { type BuildWaitPolicy, waitUntilBuilt } from "./wait-until-built";

function clock(): BuildWaitPolicy & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    initialDelayMs: 250,
    maxDelayMs: 1000,
    timeoutMs: 3000,
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
  };
}

const input = {
  name: "terms-of-use",
  code: "",
  runtime: "node22",
  dependencies: [],
  supported_triggers: [{ id: "post-login", version: "v3" }],
  secrets: [],
};

describe("waitUntilBuilt", () => {
  it("polls with growing pauses until the draft is built", async () => {
    const tenant = new InMemoryTenant(4);
    const policy = clock();
    const built = await waitUntilBuilt(tenant, await tenant.createAction(input), policy);
    expect(built.status).toBe("built");
    expect(policy.sleeps).toEqual([250, 500, 1000, 1000]);
  });

  it("gives up after the timeout, saying the next sync will deploy it", async () => {
    const tenant = new InMemoryTenant(1000);
    await expect(waitUntilBuilt(tenant, await tenant.createAction(input), clock())).rejects.toMatchObject({
      code: "ERR_SYNC_ACTION_BUILD_TIMEOUT",
      message: expect.stringContaining("run the sync again later"),
    });
  });

  it("stops on a failed build with the tenant's errors", async () => {
    const failed = { ...(await new InMemoryTenant().createAction(input)), status: "failed", errors: ["SyntaxError: Unexpected token"] };
    await expect(waitUntilBuilt(new InMemoryTenant(), failed, clock())).rejects.toMatchObject({
      code: "ERR_SYNC_ACTION_BUILD_FAILED",
      message: "The tenant failed to build Action terms-of-use: SyntaxError: Unexpected token",
    });
  });
});
