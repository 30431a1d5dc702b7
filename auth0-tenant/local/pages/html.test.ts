import { describe, expect, it } from "vitest";
import { html } from "./html";

describe("html", () => {
  it("escapes interpolated values, and keeps nested html fragments as they are", () => {
    const name = `<img src=x onerror="alert('x')">&`;
    const fragment = html`<b>${name}</b>`;
    expect(html`<p title="${name}">${fragment}${[1, html`<i>2</i>`]}${undefined}${false}</p>`.toString()).toBe(
      `<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;"><b>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</b>1<i>2</i></p>`,
    );
  });
});
