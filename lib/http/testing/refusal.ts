import { vi } from "vitest";

/** What an error page shows and what the log got under the reference it shows. */
export interface Refusal {
  status: number;
  html: string;
  reference: string | undefined;
  /** The log line carrying the page's reference, if any. */
  logged: string | undefined;
}

/**
 * Runs `respond` with `console.warn` captured, and reads the refusal it answers: the page's reference and the log
 * line under it, so a test can check the reason went to the log and not to the page.
 */
export async function captureRefusal(respond: () => Promise<Response>): Promise<Refusal> {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    const response = await respond();
    const html = await response.text();
    const reference = /data-testid="error-reference">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(html)?.[1];
    const logged = reference ? warn.mock.calls.map((call) => call.map(String).join(" ")).find((line) => line.includes(reference)) : undefined;
    return { status: response.status, html, reference, logged };
  } finally {
    warn.mockRestore();
  }
}
