/**
 * The product's one stylesheet, inlined in every page (the root layout and the pages route handlers build), so a
 * page needs no second request and a strict CSP needs no stylesheet origin.
 */
export const PAGE_STYLE =
  "body{font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.5;margin:0}" +
  "main{max-width:44rem;margin:3rem auto;padding:0 1rem}" +
  "a.button,button{font:inherit;display:inline-block;padding:.5rem 1.25rem;border-radius:.375rem;border:1px solid #1f4fd1;" +
  "background:#1f4fd1;color:#fff;cursor:pointer;text-decoration:none}" +
  "button.secondary{background:#fff;color:#1f4fd1}" +
  ".terms{border:1px solid #ddd;border-radius:.5rem;padding:0 1.25rem;max-height:24rem;overflow:auto;background:#fafafa}" +
  ".actions{display:flex;gap:1rem;align-items:flex-start;margin-top:1.5rem;flex-wrap:wrap}" +
  ".error{color:#a00;font-weight:600}" +
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}";
