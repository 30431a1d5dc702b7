/** Reads the forms of a server-rendered page (the tenant's login pages, form_post answers, the app's hand-off form). */
export interface HtmlForm {
  id?: string;
  action: string;
  method: string;
  /** Named inputs with their current values (hidden fields included). */
  fields: Record<string, string>;
}

export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = parseAttributes(match[1] ?? "");
    const fields: Record<string, string> = {};
    for (const input of (match[2] ?? "").matchAll(/<(?:input|button)\b([^>]*)>/gi)) {
      const inputAttributes = parseAttributes(input[1] ?? "");
      const type = (inputAttributes.type ?? "").toLowerCase();
      // Submit buttons only count when clicked; checkboxes only when checked.
      if (!inputAttributes.name || type === "submit" || input[0].toLowerCase().startsWith("<button")) continue;
      if ((type === "checkbox" || type === "radio") && !("checked" in inputAttributes)) continue;
      fields[inputAttributes.name] = inputAttributes.value ?? "";
    }
    forms.push({
      ...(attributes.id ? { id: attributes.id } : {}),
      action: attributes.action ?? "",
      method: (attributes.method ?? "get").toUpperCase(),
      fields,
    });
  }
  return forms;
}

/** The first form, or the one with this id; throws with the page's start when there is none. */
export function findForm(html: string, id?: string): HtmlForm {
  const form = parseForms(html).find((candidate) => id === undefined || candidate.id === id);
  if (!form) throw new Error(`no <form${id ? ` id="${id}"` : ""}> in the page: ${html.slice(0, 300)}`);
  return form;
}

/** The text of the element with this id (tags stripped, entities decoded), e.g. `error-message`. */
export function textById(html: string, id: string): string | undefined {
  const match = new RegExp(`<([a-z0-9]+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, "i").exec(html);
  return match ? decodeEntities((match[2] ?? "").replace(/<[^>]*>/g, "")).trim() : undefined;
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = (match[1] ?? "").toLowerCase();
    attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
