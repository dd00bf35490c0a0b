import { requireUser } from '$lib/services/route-guards';
import {
  loadFeedbackQuestions,
  loadProgrammeFeedback,
  loadProgrammeReport,
  reportQuery
} from '$lib/closing/closing.service';
import { readReportRange } from '$lib/closing/report-range';
import type { PageLoad } from './$types';

/** A coordinator's programme dashboard: the report for the range in the address, the feedback and its questions. */
export const load: PageLoad = async ({ params, parent, fetch, url }) => {
  await requireUser({ parent, url });
  const range = readReportRange(url.searchParams);
  const query = reportQuery(range);
  return {
    programmeId: params.id,
    range,
    query,
    dashboard: Promise.all([
      loadProgrammeReport(params.id, query, fetch),
      loadProgrammeFeedback(params.id, fetch),
      loadFeedbackQuestions(params.id, fetch)
    ])
  };
};
