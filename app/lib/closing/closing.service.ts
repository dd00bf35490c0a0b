import {
  EndMentorshipResultSchema,
  MentorshipWithdrawnSchema,
  MyFeedbackSchema,
  OkResponseSchema,
  ProgrammeFeedbackQuestionsSchema,
  ProgrammeFeedbackSchema,
  ProgrammeReportSchema,
  ReportListSchema,
  apiPaths,
  type EndMentorship,
  type EndMentorshipResult,
  type FeedbackAnswer,
  type MyFeedback,
  type ProgrammeFeedback,
  type ProgrammeFeedbackQuestions,
  type ProgrammeReport,
  type ReportList
} from '@mop/shared';
import { apiRequest } from '$lib/services/api';

type Fetch = typeof fetch;

/** Ends a pair with a reason (and an optional note the other member and the coordinators read). */
export function endMentorship(mentorshipId: string, ending: EndMentorship): Promise<EndMentorshipResult> {
  return apiRequest(apiPaths.endMentorship(mentorshipId), EndMentorshipResultSchema, { method: 'POST', body: ending });
}

/** Removes a published pair neither member has opened yet (the server refuses one that was used). */
export async function unpublishMentorship(mentorshipId: string): Promise<void> {
  await apiRequest(apiPaths.unpublishMentorship(mentorshipId), OkResponseSchema, { method: 'POST' });
}

/**
 * Whether a coordinator withdrew this pair of the caller's (unpublished it before either member opened it), so its old
 * link says so. False when that cannot be told (offline, signed out): the page then says "not found" as before.
 */
export async function wasPairWithdrawn(mentorshipId: string, fetcher: Fetch = fetch): Promise<boolean> {
  try {
    return (await apiRequest(apiPaths.mentorshipWithdrawn(mentorshipId), MentorshipWithdrawnSchema, { fetch: fetcher }))
      .withdrawn;
  } catch {
    return false;
  }
}

/** The caller's own closing feedback of a pair, and the programme's questions. */
export function loadMyFeedback(mentorshipId: string, fetcher: Fetch = fetch): Promise<MyFeedback> {
  return apiRequest(apiPaths.mentorshipFeedback(mentorshipId), MyFeedbackSchema, { fetch: fetcher });
}

export function saveMyFeedback(mentorshipId: string, answer: FeedbackAnswer): Promise<MyFeedback> {
  return apiRequest(apiPaths.mentorshipFeedback(mentorshipId), MyFeedbackSchema, { method: 'PUT', body: answer });
}

export function loadFeedbackQuestions(
  programmeId: string,
  fetcher: Fetch = fetch
): Promise<ProgrammeFeedbackQuestions> {
  return apiRequest(apiPaths.feedbackQuestions(programmeId), ProgrammeFeedbackQuestionsSchema, { fetch: fetcher });
}

export function saveFeedbackQuestions(programmeId: string, questions: string[]): Promise<ProgrammeFeedbackQuestions> {
  return apiRequest(apiPaths.feedbackQuestions(programmeId), ProgrammeFeedbackQuestionsSchema, {
    method: 'PUT',
    body: { questions }
  });
}

/** The query string of a report: the date range and the inactivity threshold, each left out when not set. */
export function reportQuery(range: { from?: string; to?: string; inactiveWeeks?: number }): string {
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  if (range.inactiveWeeks) query.set('inactiveWeeks', String(range.inactiveWeeks));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** A report file's query: the report's range and the reader's language, for the file's words (`?lang=`). */
export function reportFileQuery(query: string, language: string): string {
  return `${query ? `${query}&` : '?'}lang=${encodeURIComponent(language)}`;
}

export function loadProgrammeReport(
  programmeId: string,
  query: string,
  fetcher: Fetch = fetch
): Promise<ProgrammeReport> {
  return apiRequest(`${apiPaths.programmeReport(programmeId)}${query}`, ProgrammeReportSchema, { fetch: fetcher });
}

export function loadProgrammeFeedback(programmeId: string, fetcher: Fetch = fetch): Promise<ProgrammeFeedback> {
  return apiRequest(apiPaths.programmeFeedback(programmeId), ProgrammeFeedbackSchema, { fetch: fetcher });
}

export function loadAllReports(query: string, fetcher: Fetch = fetch): Promise<ReportList> {
  return apiRequest(`${apiPaths.reports()}${query}`, ReportListSchema, { fetch: fetcher });
}
