import * as v from 'valibot';
import {
  AcceptMatchRequestResponseSchema, ApiErrorSchema, AvailableMentorListSchema, MatchRequestListSchema, MatchRequestSchema,
  MatchingRunSchema, MatchingSettingsSchema, ParticipantListSchema, ProgrammeListSchema, PublishRunResponseSchema, describeIssues,
  type AcceptMatchRequestResponse, type AvailableMentorList, type MatchRequest, type MatchRequestList, type MatchingRun,
  type MatchingRunRequest, type MatchingSettings, type MatchingSettingsUpdate, type PairTuple, type ParticipantList,
  type ProgrammeList, type PublishRunResponse
} from '@mop/shared';
import { ApiRequestError, NetworkError } from '$lib/services/api';

/**
 * The matching REST API (see sync-server/README.md, "Matching API"). Like `apiRequest` in `$lib/services/api`,
 * plus PUT, which the settings need and that helper does not offer.
 */
async function matchingRequest<TSchema extends v.GenericSchema>(
  path: string,
  schema: TSchema,
  init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown; fetch?: typeof fetch } = {}
): Promise<v.InferOutput<TSchema>> {
  const doFetch = init.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body)
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const parsed = v.safeParse(ApiErrorSchema, payload);
    if (parsed.success) throw new ApiRequestError(response.status, parsed.output.error.code, parsed.output.error.message);
    throw new ApiRequestError(response.status, 'http_error', `The server answered ${response.status}`);
  }
  const parsed = v.safeParse(schema, payload);
  if (!parsed.success) throw new ApiRequestError(response.status, 'bad_response', `Unexpected answer from the server: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

type Fetch = typeof fetch;
const programmePath = (id: string) => `/api/programmes/${encodeURIComponent(id)}`;

export function listProgrammes(fetch?: Fetch): Promise<ProgrammeList> {
  return matchingRequest('/api/programmes', ProgrammeListSchema, { fetch });
}

export function listParticipants(programmeId: string, fetch?: Fetch): Promise<ParticipantList> {
  return matchingRequest(`${programmePath(programmeId)}/participants`, ParticipantListSchema, { fetch });
}

export function getMatchingSettings(programmeId: string, fetch?: Fetch): Promise<MatchingSettings> {
  return matchingRequest(`${programmePath(programmeId)}/matching/settings`, MatchingSettingsSchema, { fetch });
}

export function saveMatchingSettings(programmeId: string, update: MatchingSettingsUpdate): Promise<MatchingSettings> {
  return matchingRequest(`${programmePath(programmeId)}/matching/settings`, MatchingSettingsSchema, { method: 'PUT', body: update });
}

/** Starts a matching run; locks and forbids are the coordinator's decisions to re-run around. */
export function createMatchingRun(programmeId: string, request: Partial<MatchingRunRequest> = {}): Promise<MatchingRun> {
  return matchingRequest(`${programmePath(programmeId)}/matching/runs`, MatchingRunSchema, { method: 'POST', body: request });
}

export function getMatchingRun(programmeId: string, runId: string, fetch?: Fetch): Promise<MatchingRun> {
  return matchingRequest(`${programmePath(programmeId)}/matching/runs/${encodeURIComponent(runId)}`, MatchingRunSchema, { fetch });
}

/** Publishes the given pairs (the run's own pairs when omitted), which creates the mentorships. */
export function publishMatchingRun(programmeId: string, runId: string, pairs?: PairTuple[]): Promise<PublishRunResponse> {
  return matchingRequest(`${programmePath(programmeId)}/matching/runs/${encodeURIComponent(runId)}/publish`, PublishRunResponseSchema, {
    method: 'POST',
    body: pairs ? { pairs } : {}
  });
}

export function listAvailableMentors(programmeId: string, fetch?: Fetch): Promise<AvailableMentorList> {
  return matchingRequest(`${programmePath(programmeId)}/mentors/available`, AvailableMentorListSchema, { fetch });
}

export function requestMentor(programmeId: string, mentorId: string, message: string): Promise<MatchRequest> {
  return matchingRequest(`${programmePath(programmeId)}/match-requests`, MatchRequestSchema, { method: 'POST', body: { mentorId, message } });
}

export function listMatchRequests(fetch?: Fetch): Promise<MatchRequestList> {
  return matchingRequest('/api/match-requests', MatchRequestListSchema, { fetch });
}

export function acceptMatchRequest(requestId: string): Promise<AcceptMatchRequestResponse> {
  return matchingRequest(`/api/match-requests/${encodeURIComponent(requestId)}/accept`, AcceptMatchRequestResponseSchema, { method: 'POST' });
}

export function declineMatchRequest(requestId: string): Promise<MatchRequest> {
  return matchingRequest(`/api/match-requests/${encodeURIComponent(requestId)}/decline`, MatchRequestSchema, { method: 'POST' });
}
