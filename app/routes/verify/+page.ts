import { checkCertificateCode } from '$lib/learning/certificate-check';
import type { PageLoad } from './$types';

/** Checks the certificate code in `?code=` (what the form sends, also with JavaScript off). */
export const load: PageLoad = ({ url, fetch }) => checkCertificateCode(url.searchParams.get('code'), fetch);
