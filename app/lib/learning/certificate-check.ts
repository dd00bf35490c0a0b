import { normaliseCertificateCode } from '@mop/shared';
import { NetworkError } from '$lib/services/api';
import { messageFor } from '$lib/services/errors';
import { verifyCertificate } from './modules.service';

/**
 * Checks a certificate code with the server: found, unknown, malformed, or no connection. `typed` is null when no code
 * was asked for (the bare verification page). `doFetch` is the load's fetch, so this also runs during server rendering.
 */
export async function checkCertificateCode(typed: string | null, doFetch: typeof fetch) {
  if (typed === null) return { typed: '', code: null, result: 'none' as const, certificate: null, message: null };
  if (typed.trim() === '') return { typed, code: null, result: 'empty' as const, certificate: null, message: null };
  const code = normaliseCertificateCode(typed);
  if (!code) return { typed, code: null, result: 'malformed' as const, certificate: null, message: null };
  try {
    const certificate = await verifyCertificate(code, doFetch);
    return { typed, code, result: certificate ? ('valid' as const) : ('unknown' as const), certificate, message: null };
  } catch (error) {
    return {
      typed,
      code,
      result: error instanceof NetworkError ? ('offline' as const) : ('error' as const),
      certificate: null,
      message: messageFor(error)
    };
  }
}

/** What the verification pages show. */
export type CertificateCheck = Awaited<ReturnType<typeof checkCertificateCode>>;
