/**
 * The base of every error the project throws on purpose. `code` is stable (callers, tests and logs match on it;
 * messages may be reworded), in one style across the project: `ERR_` + UPPER_SNAKE, as Node's and jose's errors.
 * `name` is the subclass's, so a log line or a stack says which error it is without `instanceof`. Next.js minifies
 * the app's server code and renames its classes, so a class under `lib/` also names itself
 * (`override readonly name = "…"`); the Actions' bundle and the tools are not minified.
 *
 * Where a code leaves the process (an HTTP body, a URL, an OAuth `error`), the caller maps it to that wire value
 * explicitly: the wire value is a promise to someone else, the code is ours.
 *
 * @example
 * export type FormErrorCode = "ERR_FORM_TYPE" | "ERR_FORM_TOO_LARGE";
 * export class FormError extends CodedError<FormErrorCode> {}
 *
 * throw new FormError("ERR_FORM_TOO_LARGE", "The form is too large.");
 * // error.name === "FormError", error.code === "ERR_FORM_TOO_LARGE"
 * throw new FormError("ERR_FORM_TYPE", "The form could not be read.", { cause });
 */
/** The project's code style, checked by the compiler: `ERR_SYNC_FORBIDDEN` is one, `token_missing` is not. */
export type ErrorCode = `ERR_${Uppercase<string>}`;

export class CodedError<C extends ErrorCode> extends Error {
  readonly code: C;

  constructor(code: C, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
