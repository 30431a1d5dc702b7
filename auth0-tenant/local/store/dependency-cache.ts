import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { CodedError } from "../../../contract/coded-error";

/** Why an install failed, with npm's own words; `code` is stable, the message is for the Action's `errors`. */
export type DependencyInstallErrorCode =
  | "ERR_DEPENDENCY_REGISTRY_UNREACHABLE"
  | "ERR_DEPENDENCY_NPM_FAILED"
  | "ERR_DEPENDENCY_NPM_NOT_FOUND"
  | "ERR_DEPENDENCY_INSTALL_TIMEOUT";

export class DependencyInstallError extends CodedError<DependencyInstallErrorCode> {}

/** An npm package an Action requires, as the Management API takes it (`registry_url` overrides the cache's registry). */
export interface ActionDependency {
  name: string;
  version: string;
  registry_url?: string;
}

export interface DependencyCacheOptions {
  /** Shared by every Action of the tenant (and every tenant given the same folder); kept across restarts. */
  dir: string;
  /** npm's `--registry`; omitted, npm's own configuration decides (`.npmrc`, `npm_config_registry`). */
  registry?: string;
  /** An install that takes longer is stopped and the build fails (default 5 minutes). */
  timeoutMs?: number;
}

// Network failures npm reports by these codes: the registry could not be reached at all.
const UNREACHABLE = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\b/;

/**
 * Installed npm packages, one folder per `name@version` (`<dir>/<name>@<version>/node_modules/<name>`, with the
 * package's own dependencies beside it), installed by `npm install --ignore-scripts` into a temporary folder and
 * renamed into place only once complete: a folder that exists is a complete install, and needs no network again.
 */
export class DependencyCache {
  private readonly installs = new Map<string, Promise<string>>();
  private readonly children = new Set<ChildProcess>();

  constructor(private readonly options: DependencyCacheOptions) {}

  /** The folder `require(name)` resolves from, whether or not it is installed yet. */
  locate(dependency: Pick<ActionDependency, "name" | "version">): string {
    return path.join(this.options.dir, folderName(dependency));
  }

  async isInstalled(dependency: Pick<ActionDependency, "name" | "version">): Promise<boolean> {
    return exists(path.join(this.locate(dependency), "node_modules", dependency.name, "package.json"));
  }

  /** Installs the package unless it is cached; returns its folder. Concurrent calls for one package share an install. */
  ensure(dependency: ActionDependency): Promise<string> {
    const key = folderName(dependency);
    const running = this.installs.get(key);
    if (running) return running;
    const install = this.install(dependency).finally(() => this.installs.delete(key));
    this.installs.set(key, install);
    return install;
  }

  /** Stops the installs still running (the tenant is closing); their builds end as failed, or not at all. */
  close(): void {
    for (const child of this.children) child.kill("SIGTERM");
  }

  private async install(dependency: ActionDependency): Promise<string> {
    const target = this.locate(dependency);
    if (await this.isInstalled(dependency)) return target;
    await mkdir(this.options.dir, { recursive: true });
    const temp = await mkdtemp(path.join(this.options.dir, ".install-"));
    try {
      // A package.json of our own: npm then installs exactly this dependency here, never looks at a parent project,
      // and never confuses the folder with the package (`npm install axios` in a folder named axios does nothing).
      const manifest = { name: "local-tenant-action-dependency", private: true, dependencies: { [dependency.name]: dependency.version } };
      await writeFile(path.join(temp, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      const registry = dependency.registry_url ?? this.options.registry;
      await this.runNpm(
        [
          "install",
          // Never run a package's install scripts: the tenant only needs its files.
          "--ignore-scripts",
          "--no-audit",
          "--no-fund",
          "--no-update-notifier",
          "--loglevel=error",
          // npm's default backoff waits over a minute before it reports an unreachable registry.
          "--fetch-retry-mintimeout=1000",
          "--fetch-retry-maxtimeout=3000",
          ...(registry ? ["--registry", registry] : []),
        ],
        temp,
        dependency,
        registry,
      );
      try {
        await rename(temp, target);
      } catch (error) {
        // Another build (or another tenant on the same cache) installed it first: theirs is as good.
        if (!(await this.isInstalled(dependency))) throw error;
      }
      return target;
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  private runNpm(args: string[], cwd: string, dependency: ActionDependency, registry: string | undefined): Promise<void> {
    const spec = `${dependency.name}@${dependency.version}`;
    const timeoutMs = this.options.timeoutMs ?? 300_000;
    return new Promise((resolve, reject) => {
      const child = spawn("npm", [...args, "--prefix", cwd], { cwd, stdio: ["ignore", "ignore", "pipe"] });
      this.children.add(child);
      let stderr = "";
      child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        if (stderr.length < 64_000) stderr += chunk;
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGTERM");
      }, timeoutMs);
      timer.unref();
      child.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        this.children.delete(child);
        reject(
          error.code === "ENOENT"
            ? new DependencyInstallError("ERR_DEPENDENCY_NPM_NOT_FOUND", `Could not install ${spec}: npm was not found on the PATH of the local tenant.`)
            : error,
        );
      });
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        this.children.delete(child);
        if (code === 0) return resolve();
        const reason = npmReason(stderr);
        if (timedOut) {
          reject(new DependencyInstallError("ERR_DEPENDENCY_INSTALL_TIMEOUT", `Could not install ${spec}: npm did not finish within ${timeoutMs} ms.`));
        } else if (UNREACHABLE.test(stderr)) {
          reject(
            new DependencyInstallError(
              "ERR_DEPENDENCY_REGISTRY_UNREACHABLE",
              `Could not install ${spec}: the npm registry${registry ? ` ${registry}` : ""} cannot be reached and ${spec} is not in the local tenant's dependency cache (${this.options.dir}). npm said: ${reason}`,
            ),
          );
        } else {
          reject(new DependencyInstallError("ERR_DEPENDENCY_NPM_FAILED", `Could not install ${spec}: ${reason || `npm exited with ${signal ?? `code ${code}`}`}`));
        }
      });
    });
  }
}

/** npm's error lines, without prefixes, stack frames, the error object's dump and the pointers to logs and help. */
function npmReason(stderr: string): string {
  const lines: string[] = [];
  for (const raw of stderr.split("\n")) {
    if (!/^npm (error|ERR!)/.test(raw)) continue;
    const line = raw.replace(/^npm (error|ERR!)\s?/, "").trim();
    const noise =
      !line ||
      /^at |^[{}]|^\w+: ('|\d|true|false|null|undefined)|^(syscall|errno) |^404$/.test(line) ||
      /complete log of this run|behind a proxy|can also install from a|tarball, folder, http url/.test(line);
    if (!noise && !lines.includes(line)) lines.push(line);
  }
  return lines.join("; ").replace(/\s+/g, " ").slice(0, 2000);
}

/** `@scope/name@1.2.3` → `@scope+name@1.2.3`; a range's characters are escaped so that any version names a folder. */
function folderName(dependency: Pick<ActionDependency, "name" | "version">): string {
  return `${dependency.name.replace("/", "+")}@${encodeURIComponent(dependency.version)}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
