import { parseArgs } from "node:util";
import { CodedError } from "../contract/coded-error";

/** The parts of `npm run bench`, in the order they run. */
export const PHASES = ["hot-path", "cold-start", "login-detour", "tokens-minted", "page-weight", "concurrent-logins"] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  /** A smoke run of about a minute: the same code paths, fewer and shorter rounds, fewer logins. */
  quick: boolean;
  /** Runs the hot path's servers under `node --cpu-prof` and summarizes where their CPU time goes. */
  profile: boolean;
  /** The consent ledger on this PostgreSQL database instead of the embedded one. */
  databaseUrl?: string;
  phases: ReadonlySet<Phase>;
  /** Hot-path targets to run (e.g. `next:intake`); all when absent. */
  targets?: ReadonlySet<string>;
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Fresh `next start` processes per kind of first request and per way of timing it, in the cold-start phase. */
  coldStartSamples: number;
  /** Sign-ups with the terms step, each followed by a login of the same user without it. */
  detourLogins: number;
  /** Logins of one user counted at the tenant's token counter. */
  tokenLogins: number;
  /** New users signing up all at once in the concurrent-logins phase. */
  concurrentLogins: number;
}

export const USAGE = `npm run bench -- [options]

  --quick                 smoke run (~1 minute with --database-url): 1 round x 2 s, 2 cold starts of each kind and timing,
                          5 detour logins, 20 token logins
  --profile               run the hot path's servers under node --cpu-prof and summarize the profiles
  --database-url=URL      record consents in this PostgreSQL database (default: embedded PGlite in a temp dir)
  --only=PHASES           comma-separated subset of: ${PHASES.join(", ")}
  --targets=NAMES         hot-path targets to run, e.g. next:intake,next:health (default: all)
  --rounds=N              rounds per hot-path target (default 3)
  --duration=SECONDS      seconds per round (default 5)
  --connections=N         concurrent connections (default 10)
  --logins=N              sign-ups started at once in the concurrent-logins phase (default 200, quick 20)
  --help                  this text`;

/** The command line cannot be read; the message says which option is at fault. */
export class UsageError extends CodedError<"ERR_BENCH_USAGE"> {
  constructor(message: string) {
    super("ERR_BENCH_USAGE", message);
  }
}

/**
 * Reads the command line; pure, so the options are whatever the arguments say.
 *
 * @example
 * parseBenchArgs(["--quick", "--only=hot-path"]).rounds; // 1
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: "boolean", default: false },
        profile: { type: "boolean", default: false },
        "database-url": { type: "string" },
        only: { type: "string" },
        targets: { type: "string" },
        rounds: { type: "string" },
        duration: { type: "string" },
        connections: { type: "string" },
        logins: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  const quick = values.quick ?? false;
  const databaseUrl = values["database-url"];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError("--database-url must be a postgres:// URL");
  }
  return {
    quick,
    profile: values.profile ?? false,
    ...(databaseUrl ? { databaseUrl } : {}),
    phases: values.only === undefined ? new Set(PHASES) : new Set(list(values.only).map(phase)),
    ...(values.targets === undefined ? {} : { targets: new Set(list(values.targets)) }),
    rounds: whole("--rounds", values.rounds, quick ? 1 : 3, 1, 20),
    durationSeconds: whole("--duration", values.duration, quick ? 2 : 5, 1, 60),
    warmupSeconds: 1,
    connections: whole("--connections", values.connections, 10, 1, 200),
    coldStartSamples: quick ? 2 : 5,
    detourLogins: quick ? 5 : 30,
    tokenLogins: quick ? 20 : 100,
    concurrentLogins: whole("--logins", values.logins, quick ? 20 : 200, 1, 1000),
  };
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function phase(name: string): Phase {
  const found = PHASES.find((candidate) => candidate === name);
  if (!found) throw new UsageError(`--only: unknown phase "${name}" (one of ${PHASES.join(", ")})`);
  return found;
}

function whole(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return number;
}
