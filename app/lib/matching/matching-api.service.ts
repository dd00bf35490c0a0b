import {
  AcceptMatchRequestResponseSchema,
  AvailableMentorListSchema,
  MatchRequestListSchema,
  MatchRequestSchema,
  MatchingRunListSchema,
  MatchingRunSchema,
  MatchingSettingsSchema,
  ParticipantListSchema,
  ProgrammeListSchema,
  ProgrammeMentorListSchema,
  PublishRunResponseSchema,
  type AcceptMatchRequestResponse,
  type AvailableMentorList,
  type MatchRequest,
  type MatchRequestList,
  type MatchingRun,
  type MatchingRunList,
  type MatchingRunRequest,
  type MatchingSettings,
  type MatchingSettingsUpdate,
  type PairTuple,
  type ParticipantList,
  type ProgrammeList,
  type ProgrammeMentorList,
  type PublishRunResponse,
  apiPaths
} from '@mop/shared';
import { apiRequest } from '$lib/services/api';

/** The matching REST API (see sync-server/README.md, "Matching API"), through the app's one API client. */
const matchingRequest = apiRequest;

type Fetch = typeof fetch;

export function listProgrammes(fetch?: Fetch): Promise<ProgrammeList> {
  return matchingRequest(apiPaths.programmes(), ProgrammeListSchema, { fetch });
}

export function listParticipants(programmeId: string, fetch?: Fetch): Promise<ParticipantList> {
  return matchingRequest(apiPaths.participants(programmeId), ParticipantListSchema, { fetch });
}

export function getMatchingSettings(programmeId: string, fetch?: Fetch): Promise<MatchingSettings> {
  return matchingRequest(apiPaths.matchingSettings(programmeId), MatchingSettingsSchema, { fetch });
}

export function saveMatchingSettings(programmeId: string, update: MatchingSettingsUpdate): Promise<MatchingSettings> {
  return matchingRequest(apiPaths.matchingSettings(programmeId), MatchingSettingsSchema, {
    method: 'PUT',
    body: update
  });
}

/** Starts a matching run; locks and forbids are the coordinator's decisions to re-run around. */
export function createMatchingRun(
  programmeId: string,
  request: Partial<MatchingRunRequest> = {}
): Promise<MatchingRun> {
  return matchingRequest(apiPaths.matchingRuns(programmeId), MatchingRunSchema, {
    method: 'POST',
    body: request
  });
}

/** The programme's matching runs, newest first, without their pairs. */
export function listMatchingRuns(programmeId: string, fetch?: Fetch): Promise<MatchingRunList> {
  return matchingRequest(apiPaths.matchingRuns(programmeId), MatchingRunListSchema, { fetch });
}

export function getMatchingRun(programmeId: string, runId: string, fetch?: Fetch): Promise<MatchingRun> {
  return matchingRequest(apiPaths.matchingRun(programmeId, runId), MatchingRunSchema, { fetch });
}

/** Publishes the given pairs (the run's own pairs when omitted), which creates the mentorships. */
export function publishMatchingRun(
  programmeId: string,
  runId: string,
  pairs?: PairTuple[]
): Promise<PublishRunResponse> {
  return matchingRequest(apiPaths.publishMatchingRun(programmeId, runId), PublishRunResponseSchema, {
    method: 'POST',
    body: pairs ? { pairs } : {}
  });
}

export function listAvailableMentors(programmeId: string, fetch?: Fetch): Promise<AvailableMentorList> {
  return matchingRequest(apiPaths.availableMentors(programmeId), AvailableMentorListSchema, { fetch });
}

/** Every mentor of the programme with a complete profile (full ones too), for a mentee to rank. */
export function listProgrammeMentors(programmeId: string, fetch?: Fetch): Promise<ProgrammeMentorList> {
  return matchingRequest(apiPaths.programmeMentors(programmeId), ProgrammeMentorListSchema, { fetch });
}

export function requestMentor(programmeId: string, mentorId: string, message: string): Promise<MatchRequest> {
  return matchingRequest(apiPaths.programmeMatchRequests(programmeId), MatchRequestSchema, {
    method: 'POST',
    body: { mentorId, message }
  });
}

export function listMatchRequests(fetch?: Fetch): Promise<MatchRequestList> {
  return matchingRequest(apiPaths.matchRequests(), MatchRequestListSchema, { fetch });
}

export function acceptMatchRequest(requestId: string): Promise<AcceptMatchRequestResponse> {
  return matchingRequest(apiPaths.acceptMatchRequest(requestId), AcceptMatchRequestResponseSchema, { method: 'POST' });
}

export function declineMatchRequest(requestId: string): Promise<MatchRequest> {
  return matchingRequest(apiPaths.declineMatchRequest(requestId), MatchRequestSchema, {
    method: 'POST'
  });
}
