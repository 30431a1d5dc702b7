import { readFile } from "node:fs/promises";
import { get } from "node:https";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../tests/e2e/support/free-port";
import { holdPort } from "../../tests/support/busy-port";
import { startNpmScript, type ScriptRun } from "../../tests/support/npm-script";

/** `npm run tenant:local` reads the variables `npm run dev` reads; its flags override them. */
const runs: ScriptRun[] = [];
const held: Array<{ release(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.stop()));
  await Promise.all(held.splice(0).map((port) => port.release()));
});

function tenantLocal(env: Record<string, string>, args: string[] = []): ScriptRun {
  const run = startNpmScript("tenant:local", env, args);
  runs.push(run);
  return run;
}

const READY = "demo user:";

describe("npm run tenant:local", { timeout: 120_000 }, () => {
  it("listens where AUTH0_DOMAIN=http://localhost:PORT and LOCAL_TENANT_TLS_PORT say, with LOCAL_TENANT_DATA_DIR", async () => {
    const [port, tlsPort] = await Promise.all([freePort(), freePort()]);
    const run = tenantLocal({ AUTH0_DOMAIN: `http://localhost:${port}`, LOCAL_TENANT_TLS_PORT: String(tlsPort), LOCAL_TENANT_DATA_DIR: "tenant-here" });
    const output = await run.waitFor(READY, 60_000);
    expect(output).toContain(`listening on http://localhost:${port}/`);
    expect(output).toContain(`Management API also on https://localhost:${tlsPort}/api/v2/`);
    expect(output).toContain(`data in ${run.dir}/tenant-here`);
    const discovery = await fetch(`http://localhost:${port}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(`http://localhost:${port}/`);
  });

  it("takes --port and --tls-port over the variables", async () => {
    const [envPort, envTlsPort, port, tlsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const run = tenantLocal({ AUTH0_DOMAIN: `http://localhost:${envPort}`, LOCAL_TENANT_TLS_PORT: String(envTlsPort) }, [
      "--port",
      String(port),
      `--tls-port=${tlsPort}`,
    ]);
    const output = await run.waitFor(READY, 60_000);
    expect(output).toContain(`listening on http://localhost:${port}/`);
    expect(output).toContain(`https://localhost:${tlsPort}/api/v2/`);
  });

  it("stands in for a real AUTH0_DOMAIN: https as that name, its certificate naming it, on --port", async () => {
    const port = await freePort();
    const run = tenantLocal({ AUTH0_DOMAIN: "tenant.product-xyz.test" }, ["--port", String(port)]);
    const output = await run.waitFor("stands in for", 60_000);
    expect(output).toContain("listening on https://tenant.product-xyz.test/");
    expect(output).toContain(`they map tenant.product-xyz.test:443 to 127.0.0.1:${port}`);
    // As a client whose resolver maps the name there: TLS checks the name against the exported certificate.
    const ca = await readFile(path.join(run.dir, ".data", "local-tenant", "tls", "localhost.crt"), "utf8");
    const issuer = await new Promise<string>((resolve, reject) => {
      const request = get(
        { host: "127.0.0.1", port, servername: "tenant.product-xyz.test", ca, path: "/.well-known/openid-configuration", headers: { host: "tenant.product-xyz.test" } },
        (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve((JSON.parse(body) as { issuer: string }).issuer));
        },
      );
      request.on("error", reject);
    });
    expect(issuer).toBe("https://tenant.product-xyz.test/");
  });

  it.each([
    ["its port", (busy: number, free: number) => ({ AUTH0_DOMAIN: `http://localhost:${busy}`, LOCAL_TENANT_TLS_PORT: String(free) }), "the local tenant", "set AUTH0_DOMAIN=http://localhost:<another port> in .env.local (or pass --port)"],
    ["its TLS port", (busy: number, free: number) => ({ AUTH0_DOMAIN: `http://localhost:${free}`, LOCAL_TENANT_TLS_PORT: String(busy) }), "the local tenant's TLS port, for the Management API", "set LOCAL_TENANT_TLS_PORT=<another port> in .env.local (or pass --tls-port)"],
  ] as const)("with %s taken: names the variable and the flag, listens on nothing, exits non-zero", async (_which, env, owner, fix) => {
    const busy = await holdPort();
    held.push(busy);
    const run = tenantLocal(env(busy.port, await freePort()));
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${busy.port} (${owner}) is in use: stop what listens there, or ${fix}.`);
    expect(run.output()).not.toContain("listening on");
  });
});
