import { ClientStore } from "../clients";

/**
 * A test's writer: adds clients to the client store of `dataDir` (argv[2]) without end, each add a save of the
 * whole file, until the test kills this process. Says "writing" once the first save is on disk.
 */
async function writeUntilKilled(dataDir: string): Promise<never> {
  const store = await ClientStore.open(dataDir, () => Date.now());
  const padding = "x".repeat(4096);
  for (let index = 0; ; index++) {
    await store.create({ name: `Client ${index}`, description: padding });
    if (index === 0) process.stdout.write("writing\n");
  }
}

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: write-until-killed.ts <dataDir>");
void writeUntilKilled(dataDir);
