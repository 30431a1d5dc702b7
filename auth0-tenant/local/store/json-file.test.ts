import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { StoreError } from "../errors";
import { JsonFile } from "./json-file";

let dir: string;
const schema = z.object({ count: z.number() });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "json-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("JsonFile", () => {
  it("reads a missing file as undefined", async () => {
    expect(await new JsonFile(join(dir, "missing.json"), schema).load()).toBeUndefined();
  });

  it("saves in order, atomically, leaving no temporary file", async () => {
    const file = new JsonFile(join(dir, "counter.json"), schema);
    await Promise.all(Array.from({ length: 20 }, (_, count) => file.save({ count })));
    expect(await file.load()).toEqual({ count: 19 });
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, "counter.json"), "utf8"))).toEqual({ count: 19 });
  });

  it("names the file when it is not JSON or not the expected shape", async () => {
    const path = join(dir, "bad.json");
    await writeFile(path, "{");
    const notJson = new JsonFile(path, schema).load();
    await expect(notJson).rejects.toBeInstanceOf(StoreError);
    await expect(notJson).rejects.toThrow(`${path} is not valid JSON`);
    await writeFile(path, JSON.stringify({ count: "three" }));
    await expect(new JsonFile(path, schema).load()).rejects.toThrow(/count: /);
  });
});
