import { isIP } from "node:net";
import { join } from "node:path";
import { z } from "zod";
import type { GeoIp } from "../../../contract/post-login";
import { JsonFile } from "./json-file";

/** `event.request.geoip` as Auth0 names its fields (camelCase, post-login v3). */
export const geoIpSchema = z.strictObject({
  cityName: z.string().optional(),
  continentCode: z.string().regex(/^(AF|AN|AS|EU|NA|OC|SA)$/, "continentCode must be AF, AN, AS, EU, NA, OC or SA").optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "countryCode must be two upper-case letters (ISO 3166-1 alpha-2)").optional(),
  countryCode3: z.string().regex(/^[A-Z]{3}$/, "countryCode3 must be three upper-case letters (ISO 3166-1 alpha-3)").optional(),
  countryName: z.string().optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  subdivisionCode: z.string().optional(),
  subdivisionName: z.string().optional(),
  timeZone: z.string().optional(),
});

/**
 * Where the local tenant says a login comes from: exact addresses (`127.0.0.1`, `::1`…), else `default`. No
 * CIDR ranges: every request reaches the local tenant from loopback, so a few addresses are all a test needs.
 */
export const geoIpTableSchema = z.strictObject({
  default: geoIpSchema,
  addresses: z.record(z.string(), geoIpSchema).superRefine((addresses, context) => {
    for (const key of Object.keys(addresses)) {
      if (isIP(key) === 0) context.addIssue({ code: "custom", path: [key], message: "each key must be an IP address" });
    }
  }),
});

export type GeoIpTableData = z.infer<typeof geoIpTableSchema>;

/** No location until someone sets one: Auth0 has none for loopback or private addresses either. */
const EMPTY_TABLE: GeoIpTableData = { default: {}, addresses: {} };

/** `${dataDir}/geoip.json`: read at start, replaced whole through `PUT /local/geoip`. */
export class GeoIpTable {
  private constructor(
    private readonly file: JsonFile<GeoIpTableData>,
    private data: GeoIpTableData,
  ) {}

  static async open(dataDir: string): Promise<GeoIpTable> {
    const file = new JsonFile(join(dataDir, "geoip.json"), geoIpTableSchema);
    return new GeoIpTable(file, (await file.load()) ?? structuredClone(EMPTY_TABLE));
  }

  /** A copy: an Action (or a caller) changing it changes nothing here. */
  lookup(ip: string): GeoIp {
    return structuredClone(this.data.addresses[ip] ?? this.data.default);
  }

  current(): GeoIpTableData {
    return structuredClone(this.data);
  }

  async replace(data: GeoIpTableData): Promise<void> {
    this.data = structuredClone(data);
    await this.file.save(this.data);
  }
}
