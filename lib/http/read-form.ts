import { CodedError } from "../../contract/coded-error";

/** Bigger than any form of ours; a larger body is refused without being read to the end. */
export const MAX_FORM_BYTES = 8 * 1024;

export const FORM_REFUSED = "ERR_FORM_REFUSED";

/** A form body we do not read: wrong type, too large. `status` is the answer's. */
export class FormError extends CodedError<typeof FORM_REFUSED> {
  override readonly name = "FormError";

  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(FORM_REFUSED, message);
  }
}

/** Reads an `application/x-www-form-urlencoded` body of bounded size. */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    throw new FormError(415, "The form must be sent as application/x-www-form-urlencoded.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes || !request.body) {
    if (request.body) throw new FormError(413, "The form is too large.");
    return new URLSearchParams();
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FormError(413, "The form is too large.");
    }
    chunks.push(value);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
