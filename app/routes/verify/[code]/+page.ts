import { checkCertificateCode } from '$lib/learning/certificate-check';
import type { PageLoad } from './$types';

/** `/verify/<code>`: the address printed on a certificate, checked with the server. */
export const load: PageLoad = ({ params, fetch }) => checkCertificateCode(params.code, fetch);
