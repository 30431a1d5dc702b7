import { describe, expect, it } from "vitest";
import { errorPage, newReference } from "./error-page";
import { captureRefusal } from "./testing/refusal";

describe("errorPage", () => {
  it("shows the user's words and a reference, and logs the technical reason under that reference only", async () => {
    const refusal = await captureRefusal(async () =>
      errorPage(400, { title: "This sign-in link has expired", message: "Sign in again." }, { reason: "The session_token has expired." }),
    );
    expect(refusal.status).toBe(400);
    expect(refusal.html).toContain("<h1>This sign-in link has expired</h1>");
    expect(refusal.html).toContain('href="/auth/login"');
    expect(refusal.html).not.toContain("session_token");
    expect(refusal.reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(refusal.logged).toBe(`[sign-in] 400 reference ${refusal.reference}: This sign-in link has expired: The session_token has expired.`);
  });

  it("says what to do and how to quote the reference in the page's language", async () => {
    const refusal = await captureRefusal(async () => errorPage(400, { title: "Ce lien a expiré", message: "Reconnectez-vous." }, { lang: "fr" }));
    expect(refusal.html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(refusal.html).toContain('<a class="button" href="/auth/login">Se reconnecter</a> <a href="/">Aller à Product XYZ</a>');
    expect(refusal.html).toContain(`en indiquant la référence <span class="reference" data-testid="error-reference">${refusal.reference}</span>.`);
  });

  it("names the page and the product in the tab's title", async () => {
    const refusal = await captureRefusal(async () => errorPage(403, { title: "Refused", message: "…" }));
    expect(refusal.html).toContain("<title>Refused · Product XYZ</title>");
  });

  it("draws a new reference each time, without look-alike characters", () => {
    const references = new Set(Array.from({ length: 200 }, newReference));
    expect(references.size).toBe(200);
    for (const reference of references) expect(reference).not.toMatch(/[01IO]/);
  });
});
