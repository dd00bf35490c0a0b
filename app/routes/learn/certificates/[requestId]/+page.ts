import { getCertificate } from '$lib/learning/modules.service';
import type { PageLoad } from './$types';

/** A certificate held on this device (the page registers it when it is still pending). */
export const load: PageLoad = async ({ params }) => {
  return { requestId: params.requestId, certificate: (await getCertificate(params.requestId)) ?? null };
};
