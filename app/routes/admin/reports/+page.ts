import { problemFor } from '$lib/services/errors';
import { requireUser } from '$lib/services/route-guards';
import { loadAllReports, reportQuery } from '$lib/closing/closing.service';
import { readReportRange } from '$lib/closing/report-range';
import type { PageLoad } from './$types';

/** An admin's reports across programmes and organisations (the server refuses anyone else). */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const user = await requireUser({ parent, url });
  const range = readReportRange(url.searchParams);
  try {
    const { reports } = await loadAllReports(reportQuery(range), fetch);
    return { user, range, reports, problem: null };
  } catch (error) {
    return { user, range, reports: [], problem: problemFor(error) };
  }
};
