import { X509Certificate, createHash, createPrivateKey } from "node:crypto";
import { link, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { generate } from "selfsigned";
import { CodedError } from "../../../contract/coded-error";
import { writePrivateFile, writePrivateTemp } from "../../tooling/private-file";

/**
 * The local tenant's TLS certificate. The `auth0` SDK only speaks `https://DOMAIN/api/v2`, so the local tenant also
 * serves HTTPS with this self-signed certificate, and the sync trusts exactly this certificate (see
 * `tls/trust-local-tenant.ts`), never anything broader.
 */
export interface TlsCertificate {
  /** PKCS#8 private key, PEM. */
  key: string;
  /** X.509 certificate, PEM. */
  cert: string;
}

export class CertificateError extends CodedError<"ERR_LOCAL_TENANT_CERTIFICATE"> {
  constructor(message: string, options?: ErrorOptions) {
    super("ERR_LOCAL_TENANT_CERTIFICATE", message, options);
  }
}

export const CERTIFICATE_HOST = "localhost";
const VALIDITY_DAYS = 825;
/** Renewed a little before it expires, so a running tenant is never caught with an expired one. */
const RENEW_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

/** Key and certificate in one file, so that a reader never sees a key from one generation and a cert from another. */
export function certificateFile(dataDir: string): string {
  return path.join(dataDir, "tls", "localhost.pem");
}

/**
 * Returns the persisted certificate for `localhost` (+ `127.0.0.1`, `::1`, and `hosts`: the tenant's public host
 * name when it has one), generating and saving it first if there is none, or if the saved one is unusable, about to
 * expire or lacks one of `hosts`. Two processes starting at once end up with the same certificate: the first one
 * saved wins and the other reads it.
 */
export async function loadOrCreateCertificate(dataDir: string, now: () => number = Date.now, hosts: string[] = []): Promise<TlsCertificate> {
  const file = certificateFile(dataDir);
  const existing = await readPem(file);
  if (existing !== undefined) {
    const parsed = parseCertificateFile(existing);
    if (parsed && isUsable(parsed, now(), hosts)) return parsed;
  }
  const created = await generateCertificate(now(), hosts);
  const text = `${created.key}${created.cert}`;
  if (existing === undefined) {
    const saved = await createExclusively(file, text);
    if (!saved) {
      const winner = parseCertificateFile((await readPem(file)) ?? "");
      if (winner && isUsable(winner, now(), hosts)) return winner;
      await replaceAtomically(file, text);
    }
  } else {
    await replaceAtomically(file, text);
  }
  return created;
}

/** The certificate alone (no key) beside it, for clients to trust: `NODE_EXTRA_CA_CERTS`, a browser's settings. */
export function exportedCertificateFile(dataDir: string): string {
  return path.join(dataDir, "tls", "localhost.crt");
}

/** Writes the certificate alone to `exportedCertificateFile` (replaced atomically, so a reader never sees half). */
export async function exportCertificate(dataDir: string, certificate: TlsCertificate): Promise<string> {
  const file = exportedCertificateFile(dataDir);
  if ((await readPem(file)) !== certificate.cert) await replaceAtomically(file, certificate.cert);
  return file;
}

/**
 * Base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's `--ignore-certificate-errors-spki-list`
 * takes, to accept this one certificate and nothing else.
 */
export function spkiSha256(certificate: string): string {
  const spki = new X509Certificate(certificate).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

/** The certificate alone (no key), as a client needs it to trust the server; `undefined` if none was made yet. */
export async function readTrustedCertificate(dataDir: string): Promise<string | undefined> {
  const text = await readPem(certificateFile(dataDir));
  return text === undefined ? undefined : parseCertificateFile(text)?.cert;
}

function parseCertificateFile(text: string): TlsCertificate | undefined {
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(text)?.[0];
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  return key && cert ? { key: normalizePem(key), cert: normalizePem(cert) } : undefined;
}

/** One form for every PEM we hand out, whether just generated or read back: LF line ends, one final newline. */
function normalizePem(pem: string): string {
  return `${pem.replace(/\r\n/g, "\n").trim()}\n`;
}

function isUsable(certificate: TlsCertificate, nowMs: number, hosts: string[]): boolean {
  try {
    const x509 = new X509Certificate(certificate.cert);
    return (
      x509.checkPrivateKey(createPrivateKey(certificate.key)) &&
      [CERTIFICATE_HOST, ...hosts].every((host) => x509.checkHost(host) !== undefined) &&
      x509.checkIP("127.0.0.1") !== undefined &&
      Date.parse(x509.validFrom) <= nowMs &&
      Date.parse(x509.validTo) - nowMs > RENEW_WITHIN_DAYS * DAY_MS
    );
  } catch {
    return false;
  }
}

async function generateCertificate(nowMs: number, hosts: string[]): Promise<TlsCertificate> {
  // A minute of slack for clocks that disagree between the tenant and the client.
  const notBefore = new Date(nowMs - 60_000);
  const pems = await generate([{ name: "commonName", value: CERTIFICATE_HOST }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: notBefore,
    notAfterDate: new Date(nowMs + VALIDITY_DAYS * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          ...[CERTIFICATE_HOST, ...hosts].map((host) => ({ type: 2 as const, value: host })),
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { key: normalizePem(pems.private), cert: normalizePem(pems.cert) };
}

async function readPem(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CertificateError(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes a complete temp file, then links it into place: fails (returns false) if another process got there first. */
async function createExclusively(file: string, text: string): Promise<boolean> {
  const temp = await writeTemp(file, text);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new CertificateError(`Cannot write ${file}: ${(error as Error).message}`, { cause: error });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function replaceAtomically(file: string, text: string): Promise<void> {
  try {
    await writePrivateFile(file, text);
  } catch (error) {
    throw new CertificateError(`Cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function writeTemp(file: string, text: string): Promise<string> {
  try {
    return await writePrivateTemp(file, text);
  } catch (error) {
    throw new CertificateError(`Cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}
