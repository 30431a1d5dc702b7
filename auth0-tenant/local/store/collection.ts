import { join } from "node:path";
import { z } from "zod";
import { JsonFile } from "./json-file";

/**
 * A persisted list of records keyed by one field, held in memory and written through on every change.
 * The file is `{ "<name>": [ ... ] }` so that a person reading `dataDir` sees what each file holds.
 */
export class Collection<T extends object> {
  private constructor(
    private readonly file: JsonFile<Record<string, T[]>>,
    private readonly name: string,
    private readonly key: keyof T,
    private readonly items: T[],
  ) {}

  static async open<T extends object>(
    dataDir: string,
    name: string,
    itemSchema: z.ZodType<T>,
    key: keyof T,
  ): Promise<Collection<T>> {
    const file = new JsonFile(join(dataDir, `${name}.json`), z.record(z.string(), z.array(itemSchema)));
    const data = await file.load();
    return new Collection(file, name, key, data?.[name] ?? []);
  }

  list(): T[] {
    return [...this.items];
  }

  get(id: string): T | undefined {
    return this.items.find((item) => item[this.key] === id);
  }

  find(predicate: (item: T) => boolean): T | undefined {
    return this.items.find(predicate);
  }

  async insert(item: T): Promise<T> {
    this.items.push(item);
    await this.persist();
    return item;
  }

  /** Replaces the record with the given key by `next`; `undefined` when there is none. */
  async replace(id: string, next: T): Promise<T | undefined> {
    const index = this.items.findIndex((item) => item[this.key] === id);
    if (index < 0) return undefined;
    this.items[index] = next;
    await this.persist();
    return next;
  }

  async remove(id: string): Promise<boolean> {
    const index = this.items.findIndex((item) => item[this.key] === id);
    if (index < 0) return false;
    this.items.splice(index, 1);
    await this.persist();
    return true;
  }

  private persist(): Promise<void> {
    return this.file.save({ [this.name]: this.items });
  }
}
