/**
 * Test certificates, made on the spot with the system's `openssl` (present on every Debian): a self-signed
 * certificate for a name, and the SPKI hash Chromium's `--ignore-certificate-errors-spki-list` takes to trust it.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo. */
  spkiHash: string;
  /** SHA-256 fingerprint as node:tls reports it (`AB:CD:…`). */
  fingerprint256: string;
}

/** Writes `<name>.crt` / `<name>.key` (P-256, valid two days, subjectAltName DNS:<name>) into `dir`. */
export function makeTestCertificate(dir: string, name: string, fileStem = name): TestCertificate {
  const certFile = path.join(dir, `${fileStem}.crt`);
  const keyFile = path.join(dir, `${fileStem}.key`);
  // execFileSync: no shell, the arguments go as they are.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=DNS:${name}`
    ],
    { stdio: 'ignore' }
  );
  const certificate = new X509Certificate(fs.readFileSync(certFile));
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  return {
    certFile,
    keyFile,
    spkiHash: createHash('sha256').update(spki).digest('base64'),
    fingerprint256: certificate.fingerprint256
  };
}
