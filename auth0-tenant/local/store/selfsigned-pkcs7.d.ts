/** selfsigned 5's PKCS#7 module (documented in its README; the package ships types for its main module only). */
declare module "selfsigned/pkcs7" {
  /** The certificate (PEM) as a certs-only PKCS#7 structure, PEM. */
  export function createPkcs7(certPem: string): string;
}
