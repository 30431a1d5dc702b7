/**
 * Styles of the pages that show a user's terms and their history (the product page, `/account/consents`, a version,
 * a comparison), added to the product's stylesheet by those pages. Changes are marked by line and label, not by
 * colour alone; long values (emails, ids, tokens) wrap rather than widen the page.
 */
export const HISTORY_STYLE =
  ".sr-only{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}" +
  "ins{text-decoration:underline;text-decoration-thickness:2px;background:#e6f4ea}" +
  "del{text-decoration:line-through;text-decoration-thickness:2px;background:#fdecea}" +
  ".comparison{overflow-wrap:anywhere}" +
  // A whole added passage is said by its label and its rule; underlining all of it would only make it harder to read.
  ".comparison .passage.added ins{text-decoration:none}.comparison del+ins{margin-left:.25em}" +
  ".comparison .passage{border-left:4px solid #555;padding-left:.75rem;margin:1rem 0}" +
  ".comparison .passage.added{border-left-style:double}.comparison .passage.removed{border-left-style:dashed}" +
  ".comparison h3{font-size:1.5rem}.comparison h4{font-size:1.2rem}" +
  ".passage-label{font-size:.875rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;margin:0}" +
  ".legend{font-size:.9375rem}" +
  ".version-status{border:1px solid #ccc;border-radius:.5rem;padding:.75rem 1rem;background:#f6f6f6}" +
  "dd ul{list-style:none;padding:0;margin:0}" +
  "details{margin:1rem 0}summary{cursor:pointer;font-weight:600}" +
  "details pre,details code{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all;font-size:.8125rem}" +
  // Fixed columns: a long value wraps within its cell instead of widening the table, and short words stay whole.
  ".history-table{border-collapse:collapse;width:100%;table-layout:fixed}" +
  ".history-table th,.history-table td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid #ddd;vertical-align:top;overflow-wrap:break-word}" +
  "main{overflow-wrap:anywhere}";
