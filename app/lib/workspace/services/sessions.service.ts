import {
  CalendarTokenResponseSchema,
  CalendarTokenStatusSchema,
  acceptSession,
  cancelSession,
  counterProposeSession,
  declineSession,
  formatInZone,
  instantFromLocal,
  linkSessionNote,
  proposeSession,
  rescheduleSession,
  setAvailability,
  type CalendarTokenResponse,
  type CalendarTokenStatus,
  type SessionOfferInput,
  type SessionView,
  type User,
  type WeeklyAvailability,
  apiPaths,
  profileDocName
} from '@mop/shared';
import { apiRequest } from '$lib/services/api';
import { openDoc } from '$lib/services/docs.service';
import { ProfileState } from '$lib/matching/profile.svelte';
import { createSessionNote } from '$lib/services/notes.service';
import type { WorkspaceState } from '../workspace.svelte';
import { viewerZone } from './instant';

export { viewerZone } from './instant';

/** What the propose / counter / reschedule form collects; times are wall-clock times in the viewer's zone. */
export interface OfferDraft {
  title: string;
  slots: { date: string; time: string }[];
  durationMinutes: number;
  place: string;
  videoUrl: string;
  agenda: string;
}

/** Turns the form's local times into the UTC instants the document stores (luxon, DST-correct). */
function offerFromDraft(draft: OfferDraft, zone = viewerZone()): SessionOfferInput {
  const slots = draft.slots
    .filter((slot) => slot.date && slot.time)
    .map((slot) => instantFromLocal(slot.date, slot.time, zone));
  return {
    title: draft.title,
    slots,
    durationMinutes: draft.durationMinutes,
    timeZone: zone,
    place: draft.place,
    videoUrl: draft.videoUrl.trim(),
    agenda: draft.agenda
  };
}

/** A UTC instant as the form's local date and time fields. */
export function draftSlotOf(iso: string, zone = viewerZone()): { date: string; time: string } {
  const local = formatInZone(iso, zone);
  return { date: local.date, time: local.time };
}

export function proposeFromDraft(ws: WorkspaceState, draft: OfferDraft): string {
  return proposeSession(ws.handle.doc, ws.pair, ws.userId, offerFromDraft(draft));
}

export function counterFromDraft(ws: WorkspaceState, sessionId: string, draft: OfferDraft, reason: string): void {
  counterProposeSession(ws.handle.doc, ws.pair, sessionId, ws.userId, offerFromDraft(draft), reason);
}

export function rescheduleFromDraft(ws: WorkspaceState, sessionId: string, draft: OfferDraft, reason: string): void {
  rescheduleSession(ws.handle.doc, ws.pair, sessionId, ws.userId, offerFromDraft(draft), reason);
}

export function acceptSlot(ws: WorkspaceState, sessionId: string, slot: string): void {
  acceptSession(ws.handle.doc, ws.pair, sessionId, ws.userId, slot);
}

export function declineOffer(ws: WorkspaceState, sessionId: string, reason: string): void {
  declineSession(ws.handle.doc, ws.pair, sessionId, ws.userId, reason);
}

export function cancelWithReason(ws: WorkspaceState, sessionId: string, reason: string): void {
  cancelSession(ws.handle.doc, ws.pair, sessionId, ws.userId, reason);
}

/** Creates the session note for a held session (dated on the session's local day) and links it. */
export function writeNoteForSession(ws: WorkspaceState, user: User, session: SessionView, title: string): string {
  const date = formatInZone(session.accepted?.start ?? session.createdAt, viewerZone()).date;
  const noteId = createSessionNote(ws.handle, user, title, date);
  linkSessionNote(ws.handle.doc, session.id, noteId);
  return noteId;
}

/**
 * The viewer's matching questionnaire, followed so that their answer about their week can prefill the pair's
 * availability (the profile document, stored on the device and synced like the pair's). `dispose()` it when done.
 */
export function followMyQuestionnaire(userId: string): ProfileState {
  return new ProfileState(openDoc(profileDocName(userId)));
}

/** Replaces the viewer's weekly availability (kept in their own zone). */
export function saveMyAvailability(ws: WorkspaceState, availability: Omit<WeeklyAvailability, 'updatedAt'>): void {
  setAvailability(ws.handle.doc, ws.userId, availability);
}

/** Where the server serves the `.ics` of an accepted session. */
export function icsUrl(mentorshipId: string, sessionId: string): string {
  return apiPaths.sessionIcs(mentorshipId, sessionId);
}

/** Whether the user has a calendar feed (the URL itself is only shown when created). */
export function loadFeedStatus(): Promise<CalendarTokenStatus> {
  return apiRequest(apiPaths.calendarToken(), CalendarTokenStatusSchema);
}

/** Creates the private feed URL, or rotates it (the old one stops working). */
export function createOrRotateFeed(): Promise<CalendarTokenResponse> {
  return apiRequest(apiPaths.calendarToken(), CalendarTokenResponseSchema, { method: 'POST' });
}

/** Revokes the feed: its URL answers 404 from now on. */
export async function revokeFeed(): Promise<void> {
  await apiRequest(apiPaths.calendarToken(), undefined, { method: 'DELETE' });
}
