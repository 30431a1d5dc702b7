import { describe, expect, it } from "vitest";
import { htmlPage, UNCOMPRESSED_UP_TO_BYTES } from "./html";

/** The size in bytes of the page around this body: what the tests size their bodies against. */
async function pageBytes(body: string): Promise<number> {
  return (await htmlPage({ status: 200, title: "T", body }).arrayBuffer()).byteLength;
}

describe("htmlPage", () => {
  describe("compression", () => {
    it("asks that a page within the first flight be sent as it is (no-transform), never cached", async () => {
      const page = htmlPage({ status: 200, title: "Terms", body: "<p>Short.</p>" });
      expect(page.headers.get("cache-control")).toBe("no-store, no-transform");
      expect((await page.arrayBuffer()).byteLength).toBeLessThanOrEqual(UNCOMPRESSED_UP_TO_BYTES);
    });

    it("leaves a larger page to be compressed, counting its bytes, not its characters", async () => {
      const frame = await pageBytes("");
      // "é" is two bytes in UTF-8: this body has fewer characters than the limit leaves, and more bytes.
      const body = "é".repeat(Math.ceil((UNCOMPRESSED_UP_TO_BYTES - frame) / 2) + 1);
      expect(frame + body.length).toBeLessThan(UNCOMPRESSED_UP_TO_BYTES);
      const page = htmlPage({ status: 200, title: "T", body });
      expect((await page.clone().arrayBuffer()).byteLength).toBeGreaterThan(UNCOMPRESSED_UP_TO_BYTES);
      expect(page.headers.get("cache-control")).toBe("no-store");
    });

    it("draws the line at the limit itself", async () => {
      const frame = await pageBytes("");
      const atLimit = htmlPage({ status: 200, title: "T", body: "x".repeat(UNCOMPRESSED_UP_TO_BYTES - frame) });
      expect((await atLimit.clone().arrayBuffer()).byteLength).toBe(UNCOMPRESSED_UP_TO_BYTES);
      expect(atLimit.headers.get("cache-control")).toBe("no-store, no-transform");
      const over = htmlPage({ status: 200, title: "T", body: "x".repeat(UNCOMPRESSED_UP_TO_BYTES - frame + 1) });
      expect(over.headers.get("cache-control")).toBe("no-store");
    });
  });
});
