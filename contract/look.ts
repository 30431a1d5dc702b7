/**
 * The product's look, defined once: the app's pages (React and the step pages route handlers write) and the local
 * tenant's login pages both inline this, so signing in looks like one site from the login to the product. On a real
 * tenant, Universal Login's branding is set to the same name, colours and logo (the values below).
 *
 * Plain TypeScript, no Node or Next import: the local tenant and the app both import it.
 */

export const PRODUCT_NAME = "Product XYZ";

/** A tab's title: the page, then the product. */
export function pageTitle(title: string): string {
  return `${title} · ${PRODUCT_NAME}`;
}

/** The colours of the look; `primary` on white and white on `primary` both pass WCAG AA for text (≥ 4.5:1). */
export const COLOURS = {
  primary: "#4b44d6",
  page: "#f4f4f6",
  card: "#ffffff",
  text: "#1e1e24",
  muted: "#52525e",
  border: "#8a8a96",
  danger: "#a3211a",
  dangerBackground: "#fde8e8",
} as const;

/** The logo: a rounded square with the product's initial, also the favicon. */
export const LOGO_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" aria-hidden="true" focusable="false">` +
  `<rect width="32" height="32" rx="7" fill="${COLOURS.primary}"/>` +
  `<path d="M9 9l14 14M23 9L9 23" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/></svg>`;

/** The favicon as a `data:` URI, so no page asks for a file that another origin (the tenant) does not serve. */
export const FAVICON_HREF = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;

/** The product's name with its logo, at the top of every card; not a heading, so each page's `h1` stays its own. */
export const BRAND_HTML = `<p class="brand">${LOGO_SVG}<span>${PRODUCT_NAME}</span></p>`;

const c = COLOURS;

/**
 * One stylesheet for every page: a card on a grey page, the same type, inputs and buttons. From 320 px up nothing
 * scrolls sideways (long words wrap), and nothing needs JavaScript.
 */
export const LOOK_CSS =
  `*,*::before,*::after{box-sizing:border-box}` +
  `body{margin:0;background:${c.page};color:${c.text};font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}` +
  `main{max-width:28rem;margin:3rem auto;padding:2rem;background:${c.card};border-radius:.75rem;box-shadow:0 2px 10px rgba(0,0,0,.08)}` +
  `main.wide{max-width:46rem}` +
  `@media (max-width:36rem){main,main.wide{margin:0;min-height:100vh;border-radius:0;box-shadow:none;padding:1.25rem 1rem}}` +
  `.brand{display:flex;align-items:center;gap:.5rem;margin:0 0 1.5rem;font-weight:700;font-size:1.05rem}` +
  `.brand svg{width:1.75rem;height:1.75rem;flex:none}` +
  `h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}h2{font-size:1.15rem;line-height:1.3;margin:1.5rem 0 .5rem}` +
  `a{color:${c.primary}}` +
  `.step{margin:0 0 .5rem;color:${c.muted};font-size:.9rem;font-weight:600}` +
  `.note,.hint{color:${c.muted};font-size:.9rem}.hint{display:block}` +
  `label{font-weight:600}` +
  `input[type=email],input[type=password],input[type=text]{display:block;width:100%;margin:.25rem 0;padding:.65rem .75rem;font:inherit;` +
  `color:inherit;background:${c.card};border:1px solid ${c.border};border-radius:.375rem}` +
  `input[aria-invalid=true]{border-color:${c.danger};border-width:2px}` +
  `:focus-visible{outline:3px solid ${c.primary};outline-offset:2px}` +
  `.check{display:flex;gap:.75rem;align-items:flex-start;margin:1.25rem 0 .5rem}` +
  `.check input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:${c.primary}}` +
  `.check input[aria-invalid=true]{outline:2px solid ${c.danger};outline-offset:2px}` +
  `button,a.button{display:inline-block;font:inherit;font-weight:600;line-height:1.25;padding:.75rem 1.25rem;border-radius:.375rem;` +
  `border:2px solid ${c.primary};background:${c.primary};color:#fff;cursor:pointer;text-decoration:none;text-align:center}` +
  `button.secondary,a.button.secondary{background:${c.card};color:${c.primary}}` +
  `.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0 0;align-items:center}` +
  `.actions>button,.actions>a.button{flex:1 1 12rem}` +
  `.error{margin:.5rem 0;padding:.75rem;border-radius:.375rem;background:${c.dangerBackground};color:${c.danger};font-weight:600}` +
  `.field-error{display:block;color:${c.danger};font-weight:600}` +
  `.terms{margin:1rem 0;padding:0 1.25rem;border:1px solid #d4d4dc;border-radius:.5rem;background:#fafafa}` +
  `.reference{font-family:ui-monospace,monospace}` +
  `dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}` +
  `pre{white-space:pre-wrap;overflow-wrap:anywhere}`;
