import {
  MAX_PAIR_FILE_BYTES,
  PairFileSchema,
  ProgrammeProgressSchema,
  addGoal,
  addPin,
  addReflection,
  commentOnReflection,
  markMessagesRead,
  removePin,
  sendMessage,
  setStepDone,
  updateGoal,
  type GoalStatus,
  type PairFile,
  type PinnedFileRef,
  type ProgrammeProgress,
  apiPaths
} from '@mop/shared';
import * as v from 'valibot';
import { ApiRequestError, NetworkError, apiRequest, refusalMessages } from '$lib/services/api';
import { formatLocale } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { WorkspaceState } from '../workspace.svelte';
import { numberFormat } from '$lib/intl';

/** Appends a message (works offline: a local Yjs change, delivered on reconnect). */
export function postMessage(ws: WorkspaceState, text: string): string {
  return sendMessage(ws.handle.doc, { author: ws.userId, text });
}

/** Marks the conversation read up to now; a no-op when nothing new arrived. */
export function markConversationRead(ws: WorkspaceState): void {
  markMessagesRead(ws.handle.doc, ws.userId);
}

export function tickStep(ws: WorkspaceState, stepId: string, done: boolean): void {
  setStepDone(ws.handle.doc, stepId, done, ws.userId);
}

export function createGoal(ws: WorkspaceState, title: string, targetDate: string | null): string {
  return addGoal(ws.handle.doc, { title, targetDate, createdBy: ws.userId });
}

export function changeGoalStatus(ws: WorkspaceState, goalId: string, status: GoalStatus): void {
  updateGoal(ws.handle.doc, goalId, { status });
}

export function writeReflection(ws: WorkspaceState, text: string, sessionId: string | null): string {
  return addReflection(ws.handle.doc, ws.pair, { author: ws.userId, text, sessionId });
}

export function commentReflection(ws: WorkspaceState, reflectionId: string, text: string): string {
  return commentOnReflection(ws.handle.doc, ws.pair, reflectionId, { author: ws.userId, text });
}

export function pinLink(ws: WorkspaceState, url: string, title: string, comment: string): string {
  return addPin(ws.handle.doc, { kind: 'link', url: url.trim() }, { pinnedBy: ws.userId, title, comment });
}

export function pinResource(ws: WorkspaceState, resourceId: string, title: string, comment: string): string {
  return addPin(
    ws.handle.doc,
    { kind: 'resource', resourceId: resourceId.trim() },
    { pinnedBy: ws.userId, title, comment }
  );
}

/** Removing a pin needs no network: it is a local change of the document. */
export function unpin(ws: WorkspaceState, pinId: string): void {
  removePin(ws.handle.doc, pinId, ws.userId);
}

/** Where the server serves a pair file (to the pair's two members only). */
function pairFileUrl(mentorshipId: string, fileId: string): string {
  return apiPaths.pairFile(mentorshipId, fileId);
}

const PAIR_FILES_CACHE = 'mop-pair-files-v1';

/** Uploads a file to the pair (needs the network), keeps it in Cache Storage and pins it. */
/**
 * Why this file cannot be pinned, checked in the browser as soon as it is chosen (before a byte is sent; the server
 * refuses it too), or null. The limit is `MAX_PAIR_FILE_BYTES` (20 MiB), said in MiB like the "What to pin" choice.
 */
export function pairFileProblem(file: File | null | undefined): string | null {
  if (!file || file.size <= MAX_PAIR_FILE_BYTES) return null;
  const mebibytes = (bytes: number) =>
    numberFormat(formatLocale(getLocale()), { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
  return m.ws_pin_file_too_large({ size: mebibytes(file.size), max: mebibytes(MAX_PAIR_FILE_BYTES) });
}

export async function uploadAndPin(
  ws: WorkspaceState,
  mentorshipId: string,
  file: File,
  comment: string
): Promise<void> {
  const tooLarge = pairFileProblem(file);
  if (tooLarge) throw new Error(tooLarge);
  let response: Response;
  try {
    response = await fetch(apiPaths.pairFileUpload(mentorshipId, file.name), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    await refusalMessages(response);
    // The server's code (too large, wrong type…) is what the app translates; `upload_failed` only if it gave none.
    const refusal = (payload as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiRequestError(
      response.status,
      refusal?.code ?? 'upload_failed',
      refusal?.message ?? `The server answered ${response.status}`
    );
  }
  const uploaded: PairFile = v.parse(PairFileSchema, payload);
  const ref = { fileId: uploaded.fileId, name: uploaded.name, mediaType: uploaded.mediaType, size: uploaded.size };
  addPin(ws.handle.doc, { kind: 'file', file: ref }, { pinnedBy: ws.userId, title: uploaded.name, comment });
  await keepPinnedFilesOffline(mentorshipId, [ref]);
}

/**
 * Keeps every pinned file of the pair in Cache Storage, so it opens offline on both devices (the service worker or
 * `openPinnedFile` serves it from there). Files already cached are not fetched again; failures are retried next time.
 */
export async function keepPinnedFilesOffline(mentorshipId: string, files: PinnedFileRef[]): Promise<void> {
  if (typeof caches === 'undefined' || !navigator.onLine) return;
  const cache = await caches.open(PAIR_FILES_CACHE);
  for (const file of files) {
    const url = pairFileUrl(mentorshipId, file.fileId);
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (response.ok) await cache.put(url, response);
    } catch (error) {
      console.warn('MOP: could not keep a pinned file offline', error);
    }
  }
}

/** Opens a pinned file, from this device's cache when there is one (offline too), else from the server. */
export async function openPinnedFile(mentorshipId: string, fileId: string): Promise<void> {
  const url = pairFileUrl(mentorshipId, fileId);
  const cached = typeof caches === 'undefined' ? undefined : await (await caches.open(PAIR_FILES_CACHE)).match(url);
  if (!cached) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  const blobUrl = URL.createObjectURL(await cached.blob());
  window.open(blobUrl, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
}

/** The coordinators' view: each pair's progress summary (never notes, reflections or messages). */
export function loadProgrammeProgress(programmeId: string, fetchFn?: typeof fetch): Promise<ProgrammeProgress> {
  return apiRequest(apiPaths.programmeProgress(programmeId), ProgrammeProgressSchema, {
    fetch: fetchFn
  });
}
