import { domainToASCII } from "node:url";

/**
 * Domains in one form for comparison: lower case, internationalised names as A-labels (`bücher.example` and
 * `xn--bcher-kva.example` are one domain; full-width letters and dots are mapped by UTS #46), and no trailing dot
 * (`contractors.example.` is the fully qualified spelling of `contractors.example`, and mail to it is delivered there).
 * `undefined` when it is not a host name at all.
 *
 * @example
 * canonicalDomain("Contractors.Example."); // "contractors.example"
 * canonicalDomain("BÜCHER.example"); // "xn--bcher-kva.example"
 */
export function canonicalDomain(domain: string): string | undefined {
  const ascii = domainToASCII(domain.trim()).replace(/\.+$/, "");
  return ascii === "" || ascii.startsWith(".") || ascii.includes("..") ? undefined : ascii;
}

/** The canonical domain of an email address (after its last `@`); `undefined` when it has none or it is not a host name. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  return at > 0 ? canonicalDomain(email.slice(at + 1)) : undefined;
}

/** Whether canonical `domain` is `parent` or one of its subdomains (`eu.contractors.example` is in `contractors.example`). */
export function isWithinDomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}
