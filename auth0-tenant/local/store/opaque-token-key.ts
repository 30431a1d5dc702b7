import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { StoreError } from "../errors";
import { JsonFile } from "./json-file";

const fileSchema = z.object({ key: z.string(), created_at: z.string() });

/**
 * `opaque-token-key.json`: the 256-bit key of the opaque access tokens (tokens/opaque-access-token.ts), made at the
 * first start and kept, so that those tokens outlive a restart as Auth0's do.
 */
export async function openOpaqueTokenKey(dataDir: string, now: () => number): Promise<Uint8Array> {
  const file = new JsonFile(join(dataDir, "opaque-token-key.json"), fileSchema);
  const loaded = await file.load();
  if (loaded) {
    const key = Buffer.from(loaded.key, "base64url");
    if (key.length !== 32) throw new StoreError("store_corrupt", `${file.path} holds a key of ${key.length} bytes, not 32; fix or delete the file.`, file.path);
    return new Uint8Array(key);
  }
  const key = randomBytes(32);
  await file.save({ key: key.toString("base64url"), created_at: new Date(now()).toISOString() });
  return new Uint8Array(key);
}
