import { getCertificate, syncLearningWithAccount } from '$lib/learning/modules.service';
import { loadServerErrorMessages } from '$lib/services/errors';
import type { PageLoad } from './$types';

/**
 * A certificate held on this device (the page registers it when it is still pending). One earned on another device
 * of the signed-in learner comes with the account: it is fetched before the page says "not on this device".
 */
export const load: PageLoad = async ({ params, parent }) => {
  // The root layout restores who is signed in on this device; the account's certificates need to know.
  await parent();
  let certificate = (await getCertificate(params.requestId)) ?? null;
  if (!certificate && (await syncLearningWithAccount())) certificate = (await getCertificate(params.requestId)) ?? null;
  // A refusal kept on this device is shown translated (`messageForRefusal`); a refusal while the page is open comes
  // through the API client, which loads the translations itself.
  if (certificate?.error) await loadServerErrorMessages();
  return { requestId: params.requestId, certificate };
};
