/**
 * A child process for the crash test: opens the user store of `argv[2]` and records logins of the user `argv[3]`
 * as fast as they are acknowledged, ten at a time, printing the number acknowledged so far after each batch. It
 * runs until it is killed.
 */
import { UserStore } from "../users";

async function main(dataDir: string, userId: string): Promise<void> {
  const store = await UserStore.open(dataDir, Date.now);
  for (let acknowledged = 0; ; ) {
    await Promise.all(Array.from({ length: 10 }, () => store.recordLogin(userId, "127.0.0.1")));
    acknowledged += 10;
    process.stdout.write(`${acknowledged}\n`);
  }
}

void main(process.argv[2] ?? "", process.argv[3] ?? "");
