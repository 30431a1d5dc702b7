import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../tests/e2e/support/free-port";
import { holdPort } from "../../tests/support/busy-port";
import { startNpmScript, type ScriptRun } from "../../tests/support/npm-script";

/** `npm run dev` with a port taken: said with the variable to change before anything starts, and a non-zero exit. */
const runs: ScriptRun[] = [];
const held: Array<{ release(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.stop()));
  await Promise.all(held.splice(0).map((port) => port.release()));
});

async function devWithPortTaken(which: "tenant" | "tls" | "app"): Promise<{ port: number; code: number | null; output: string }> {
  const busy = await holdPort();
  held.push(busy);
  const [tenantPort, tlsPort, appPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const ports = { tenant: tenantPort, tls: tlsPort, app: appPort, [which]: busy.port };
  const run = startNpmScript("dev", {
    AUTH0_DOMAIN: `http://localhost:${ports.tenant}`,
    LOCAL_TENANT_TLS_PORT: String(ports.tls),
    PORT: String(ports.app),
  });
  runs.push(run);
  const code = await run.exited;
  return { port: busy.port, code, output: run.output() };
}

describe("npm run dev", { timeout: 120_000 }, () => {
  describe("with a port taken", () => {
    it.each([
      ["tenant", "the local tenant", "set AUTH0_DOMAIN=http://localhost:<another port>"],
      ["tls", "the local tenant's TLS port, for the Management API", "set LOCAL_TENANT_TLS_PORT=<another port>"],
      ["app", "the app", "set PORT=<another port>"],
    ] as const)("the %s port: names the variable, starts nothing, exits non-zero", async (which, owner, fix) => {
      const { port, code, output } = await devWithPortTaken(which);
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} (${owner}) is in use: stop what listens there, or ${fix} in .env.local.`);
      expect(output).not.toContain("listening on");
      expect(output).not.toContain("[tenant:sync]");
      expect(output).not.toContain("Product XYZ");
    });
  });
});
