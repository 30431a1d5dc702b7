/** A document's front matter and the text after it. */
export interface FrontMatter {
  fields: ReadonlyMap<string, string>;
  body: string;
}

const OPENING = /^---\r?\n/;
const CLOSING = /^---[ \t]*(?:\r?\n|$)/m;
const FIELD = /^([a-z][a-z0-9_]*):[ \t]*(.*)$/;

/**
 * Reads `---`-fenced front matter of `key: value` lines, a value going on over indented lines (joined by a space).
 * Just this much of YAML: the terms carry one short text field, and a whole YAML parser would accept far more than
 * we mean to publish. A document without front matter is all body; a malformed one is refused through `fail`.
 *
 * @example
 * readFrontMatter("---\nsummary: New section 4.\n---\n# Terms", fail); // { fields: Map { "summary" => "New section 4." }, body: "# Terms" }
 */
export function readFrontMatter(source: string, fail: (reason: string) => never): FrontMatter {
  const opening = OPENING.exec(source);
  if (!opening) return { fields: new Map(), body: source };
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return fail('the front matter that starts with "---" has no closing "---" line');
  const fields = new Map<string, string>();
  let current: string | undefined;
  for (const [index, line] of rest.slice(0, closing.index).split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    if (/^[ \t]/.test(line)) {
      if (current === undefined) fail(`front matter line ${index + 2} is indented but continues no field`);
      else fields.set(current, `${fields.get(current) ?? ""} ${line.trim()}`.trim());
      continue;
    }
    const field = FIELD.exec(line);
    if (!field?.[1]) return fail(`front matter line ${index + 2} is not "name: value": ${JSON.stringify(line)}`);
    if (fields.has(field[1])) fail(`front matter field "${field[1]}" is given twice`);
    current = field[1];
    fields.set(current, (field[2] ?? "").trim());
  }
  return { fields, body: rest.slice(closing.index + closing[0].length) };
}
