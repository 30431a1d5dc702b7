/**
 * The client side of the concurrent logins, in a process of its own so that its work (HTTP, HTML parsing) does not
 * share the local tenant's event loop: `node --import tsx bench/login-driver.ts '<DriverInput as JSON>'` starts every
 * login at once and prints one JSON `DriverOutput` line when all have ended.
 */
import { LoginStepError, timedSignUp, type SignUpProgress, type SignUpTarget, type StepTiming, type TimedSignUp } from "../tests/support/timed-sign-up";

export interface DriverInput {
  target: SignUpTarget;
  logins: number;
  timeoutMs: number;
  /** Makes this run's emails unique. */
  run: string;
}

export type LoginOutcome = { passed: StepTiming[] } & ({ trace: TimedSignUp } | { failure: { step: string; message: string } });

export interface DriverOutput {
  outcomes: LoginOutcome[];
  wallMs: number;
  cpuMs: number;
}

async function boundedLogin(input: DriverInput, index: number): Promise<LoginOutcome> {
  const user = { email: `load-${input.run}-${index}@example.com`, password: `load-password-${input.run}-${index}` };
  const progress: SignUpProgress = { steps: [] };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${input.timeoutMs / 1000} s`)), input.timeoutMs);
  });
  try {
    return { passed: progress.steps, trace: await Promise.race([timedSignUp(input.target, user, progress), timeout]) };
  } catch (error) {
    const failed = error instanceof LoginStepError ? error.step : undefined;
    const step = failed ?? progress.current ?? "authorize";
    const message = error instanceof Error ? error.message : String(error);
    return { passed: progress.steps, failure: { step, message: message.startsWith(`${step}:`) ? message : `${step}: ${message}` } };
  } finally {
    clearTimeout(timer);
  }
}

async function main(input: DriverInput): Promise<void> {
  const started = performance.now();
  const outcomes = await Promise.all(Array.from({ length: input.logins }, (_, index) => boundedLogin(input, index)));
  const cpu = process.cpuUsage();
  const output: DriverOutput = { outcomes, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
  // Exits once the line is written (a pipe is written asynchronously): sockets of logins abandoned at their timeout
  // may still be open, and must not hold the process.
  process.stdout.write(`${JSON.stringify(output)}\n`, () => process.exit(0));
}

void main(JSON.parse(process.argv[2] ?? "{}") as DriverInput);
