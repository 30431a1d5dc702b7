import type { GeoIp } from "../../contract/post-login";

/** Where a test logs in "from": `event.request.geoip` as Auth0 fills it. */
export const PLACES = {
  paris: {
    cityName: "Paris",
    continentCode: "EU",
    countryCode: "FR",
    countryCode3: "FRA",
    countryName: "France",
    latitude: 48.8566,
    longitude: 2.3522,
    subdivisionCode: "IDF",
    subdivisionName: "Île-de-France",
    timeZone: "Europe/Paris",
  },
  newYork: {
    cityName: "New York",
    continentCode: "NA",
    countryCode: "US",
    countryCode3: "USA",
    countryName: "United States",
    latitude: 40.7128,
    longitude: -74.006,
    subdivisionCode: "NY",
    subdivisionName: "New York",
    timeZone: "America/New_York",
  },
} satisfies Record<string, GeoIp>;

/**
 * Makes every login to the local tenant at `issuer` come "from" `geoip` (`PUT /local/geoip`): both loopback
 * addresses, since `localhost` resolves to either depending on the client.
 */
export async function logInFrom(issuer: string, geoip: GeoIp): Promise<void> {
  const response = await fetch(new URL("local/geoip", issuer), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ default: {}, addresses: { "127.0.0.1": geoip, "::1": geoip } }),
  });
  if (!response.ok) throw new Error(`PUT /local/geoip answered ${response.status}: ${await response.text()}`);
}
