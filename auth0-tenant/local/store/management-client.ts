import { join } from "node:path";
import { z } from "zod";
import { JsonFile } from "./json-file";

const fileSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  issuer: z.string(),
  token_endpoint: z.string(),
  audience: z.string(),
  /** `localhost:TLS_PORT` when the tenant serves TLS: the domain for the `auth0` SDK's `ManagementClient`. */
  management_domain: z.string().optional(),
});

/** `management-client.json`: how other tools (the sync script, tests) find the Management API credentials. */
export type ManagementClientFile = z.infer<typeof fileSchema>;

export function managementClientFile(dataDir: string): JsonFile<ManagementClientFile> {
  return new JsonFile(join(dataDir, "management-client.json"), fileSchema);
}
