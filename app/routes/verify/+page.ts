import { normaliseCertificateCode } from '@mop/shared';
import { NetworkError } from '$lib/services/api';
import { verifyCertificate } from '$lib/learning/modules.service';
import type { PageLoad } from './$types';
import { messageFor } from '$lib/services/errors';

/** Checks the certificate code in `?code=` with the server: found, unknown, malformed, or no connection. */
export const load: PageLoad = async ({ url }) => {
  const typed = url.searchParams.get('code') ?? '';
  if (!url.searchParams.has('code'))
    return { typed, code: null, result: 'none' as const, certificate: null, message: null };
  if (typed.trim() === '') return { typed, code: null, result: 'empty' as const, certificate: null, message: null };
  const code = normaliseCertificateCode(typed);
  if (!code) return { typed, code: null, result: 'malformed' as const, certificate: null, message: null };
  try {
    const certificate = await verifyCertificate(code);
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
};
