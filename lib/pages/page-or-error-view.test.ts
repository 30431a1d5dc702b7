import { notFound, redirect } from "next/navigation";
import { describe, expect, it } from "vitest";
import { pageOrErrorView } from "./page-or-error-view";

describe("pageOrErrorView", () => {
  it("draws the page when it renders", async () => {
    await expect(pageOrErrorView("/", async () => "the page")).resolves.toBe("the page");
  });

  it("lets Next's own signals through rather than drawing them as failures", async () => {
    await expect(pageOrErrorView("/", async () => redirect("/elsewhere"))).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
    await expect(pageOrErrorView("/", async () => notFound())).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/) });
  });
});
