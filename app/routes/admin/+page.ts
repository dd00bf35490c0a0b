import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { listManagedProgrammes, listOrganisations } from '$lib/cohorts/cohorts.service';
import { loadPrivacyNotice } from '$lib/services/privacy.service';
import { loadOutbox } from '$lib/services/account.service';
import type { ChecklistFacts } from '$lib/cohorts/setup-checklist';
import type { PageLoad } from './$types';

/** What the "Before you invite people" list is made of; null when the server could not say (the list is left out). */
async function checklistFacts(fetch: typeof globalThis.fetch): Promise<Omit<ChecklistFacts, 'platformName'> | null> {
  try {
    const [privacy, sent, failed] = await Promise.all([
      loadPrivacyNotice(fetch),
      loadOutbox('sent', fetch),
      loadOutbox('failed', fetch)
    ]);
    return { privacy, mail: { smtpConfigured: sent.smtpConfigured, sent: sent.total, failed: failed.total } };
  } catch {
    return null;
  }
}

export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  const archived = url.searchParams.get('archived') === '1';
  try {
    const [{ organisations }, { programmes }, checklist] = await Promise.all([
      listOrganisations(fetch),
      listManagedProgrammes(archived, fetch),
      checklistFacts(fetch)
    ]);
    return { user, archived, organisations, programmes, checklist, problem: null };
  } catch (error) {
    return { user, archived, organisations: [], programmes: [], checklist: null, problem: problemFor(error) };
  }
};
