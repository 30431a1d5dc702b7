import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ManagementApi } from "./management-api";

const MAIN = fileURLToPath(new URL("../../auth0-tenant/local/main.ts", import.meta.url));

/** The local tenant as `npm run tenant:local` runs it: a process of its own, so that what it costs can be measured. */
export interface TenantProcess {
  pid: number;
  issuer: string;
  management: ManagementApi;
  /** What it logged so far (stderr). */
  output(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `auth0-tenant/local/main.ts` on free loopback ports with `dataDir`, and resolves once it is ready. */
export async function startTenantProcess(dataDir: string, readyTimeoutMs = 60_000): Promise<TenantProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, "--port", "0", "--tls-port", "0", "--data-dir", dataDir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  try {
    const issuer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the tenant was not ready after ${readyTimeoutMs} ms: ${output}`)), readyTimeoutMs);
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on (http:\/\/localhost:\d+\/)/.exec(output)?.[1];
        if (listening && output.includes("demo user:")) {
          clearTimeout(timer);
          resolve(listening);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the tenant exited (${code}) before it was ready: ${output}`));
      });
    });
    const credentials = JSON.parse(await readFile(join(dataDir, "management-client.json"), "utf8")) as { client_id: string; client_secret: string };
    return {
      pid: child.pid ?? 0,
      issuer,
      management: new ManagementApi({ issuer, clientId: credentials.client_id, clientSecret: credentials.client_secret }),
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
