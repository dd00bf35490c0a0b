import {
  CertificateSchema,
  LearningStateSchema,
  gradeQuiz,
  mergeModuleProgress,
  type Certificate,
  type LearningModule,
  type LearningState,
  type ModuleProgressWire,
  type QuizGrade,
  apiPaths
} from '@mop/shared';
import { ApiRequestError, NetworkError, apiRequest } from '$lib/services/api';
import { session } from '$lib/state/session.svelte';
import type { StoredCertificate, StoredModuleProgress } from './learning-db';
import { existingLearningDb, learningDb } from './learning-store';
import { keptAnswers, refusalIsFinal } from './module-progress';

/**
 * The self-learning modules on this device: progress through the lessons, quiz attempts graded offline, and
 * certificates, which are made at once and registered with the server (for their verification code) whenever it can
 * be reached. Everything is kept in the learning center's own IndexedDB database, not in the signed-in user's; when
 * someone is signed in, `syncLearningWithAccount` also keeps it with their account, so it follows them to every device.
 */

/**
 * Without an account the server dates a certificate when it is registered (it refuses an older completion time,
 * `ANONYMOUS_COMPLETION_WINDOW_MS` = 15 minutes): a quiz passed offline is sent with the time it reaches the server.
 */
const ANONYMOUS_DATING_MS = 10 * 60 * 1000;

const now = () => new Date().toISOString();
const empty = (moduleId: string): StoredModuleProgress => ({
  moduleId,
  lessonsDone: [],
  draftAnswers: {},
  attempts: [],
  updatedAt: now()
});

export async function getModuleProgress(moduleId: string): Promise<StoredModuleProgress | undefined> {
  return (await existingLearningDb())?.moduleProgress.get(moduleId);
}

export async function listModuleProgress(): Promise<Map<string, StoredModuleProgress>> {
  const all = (await (await existingLearningDb())?.moduleProgress.toArray()) ?? [];
  return new Map(all.map((progress) => [progress.moduleId, progress]));
}

/** Changes one module's progress inside a transaction, so two tabs marking lessons cannot undo each other. */
async function updateProgress(
  moduleId: string,
  change: (progress: StoredModuleProgress) => void
): Promise<StoredModuleProgress> {
  const db = await learningDb();
  return db.transaction('rw', db.moduleProgress, async () => {
    const progress = (await db.moduleProgress.get(moduleId)) ?? empty(moduleId);
    change(progress);
    progress.updatedAt = now();
    await db.moduleProgress.put(progress);
    return progress;
  });
}

export function markLessonDone(moduleId: string, lessonId: string): Promise<StoredModuleProgress> {
  return updateProgress(moduleId, (progress) => {
    if (!progress.lessonsDone.includes(lessonId)) progress.lessonsDone.push(lessonId);
  });
}

/** Keeps the answers chosen so far (a reload or a closed tab keeps them). */
export function saveDraftAnswers(moduleId: string, answers: Record<string, number>): Promise<StoredModuleProgress> {
  return updateProgress(moduleId, (progress) => {
    progress.draftAnswers = { ...answers };
  });
}

/** Grades the answers on the device and records the attempt; the draft is cleared for the next one. */
export async function submitQuiz(module: LearningModule, answers: Record<string, number>): Promise<QuizGrade> {
  const kept = keptAnswers(module, answers);
  const grade = gradeQuiz(module, kept);
  await updateProgress(module.id, (progress) => {
    progress.attempts.push({
      at: now(),
      moduleVersion: module.version,
      correct: grade.correct,
      total: grade.total,
      percent: grade.percent,
      passed: grade.passed,
      answers: kept,
      ...(grade.passed ? { requestId: crypto.randomUUID() } : {})
    });
    progress.draftAnswers = {};
  });
  return grade;
}

/** "Start over": forgets lessons, answers and attempts of one module (on the account too). Certificates stay. */
export async function resetModuleProgress(moduleId: string): Promise<void> {
  await (await existingLearningDb())?.moduleProgress.delete(moduleId);
  if (!session.user) return;
  try {
    await apiRequest(apiPaths.learningProgress(moduleId), LearningStateSchema, { method: 'DELETE' });
  } catch (error) {
    // Offline: the account keeps the old progress, which the next sync brings back; the page says nothing of it.
    console.warn('MOP: could not clear the module progress on the account', error);
  }
}

function toWire(progress: StoredModuleProgress): ModuleProgressWire {
  return {
    moduleId: progress.moduleId,
    lessonsDone: progress.lessonsDone.slice(0, 200),
    // Only the latest attempts travel: the account keeps what earlier syncs sent.
    attempts: progress.attempts.slice(-10).map(({ requestId, ...attempt }) => ({
      ...attempt,
      ...(requestId ? { requestId } : {})
    })),
    updatedAt: progress.updatedAt
  };
}

/** Takes what the account holds into this device's database (a union: nothing of this device is lost). */
async function takeAccountState(state: LearningState): Promise<void> {
  // An account with nothing to bring does not create the database on a device that has none.
  const db = state.progress.length + state.certificates.length > 0 ? await learningDb() : await existingLearningDb();
  if (!db) return;
  await db.transaction('rw', db.moduleProgress, db.certificates, async () => {
    for (const remote of state.progress) {
      const local = await db.moduleProgress.get(remote.moduleId);
      const merged = local ? mergeModuleProgress(toWire(local), remote) : remote;
      // Attempts only on this device (older than the ten sent) are kept as they are.
      const older = (local?.attempts ?? []).filter((a) => !merged.attempts.some((m) => m.at === a.at));
      await db.moduleProgress.put({
        moduleId: remote.moduleId,
        lessonsDone: merged.lessonsDone,
        draftAnswers: local?.draftAnswers ?? {},
        attempts: [...older, ...merged.attempts].sort((a, b) => a.at.localeCompare(b.at)),
        updatedAt: merged.updatedAt
      });
    }
    for (const remote of state.certificates) {
      const local = await db.certificates.get(remote.requestId);
      if (local?.code) continue;
      await db.certificates.put({
        requestId: remote.requestId,
        moduleId: remote.moduleId,
        moduleVersion: remote.moduleVersion,
        moduleTitle: remote.moduleTitle,
        learnerName: remote.learnerName,
        answers: local?.answers ?? {},
        percent: remote.percent,
        completedAt: remote.completedAt,
        code: remote.code,
        issuedAt: remote.issuedAt,
        error: null
      });
    }
  });
}

let syncing: Promise<boolean> | null = null;

/**
 * When someone is signed in: registers pending certificates (they then name the account), sends this device's
 * progress and the certificates it registered anonymously, and takes everything the account holds. Returns false
 * when nobody is signed in or the server cannot be reached (the device's copy is all there is until next time).
 */
export function syncLearningWithAccount(): Promise<boolean> {
  syncing ??= (async () => {
    if (!session.user) return false;
    await registerPendingCertificates();
    const db = await existingLearningDb();
    const [progress, certificates] = db
      ? await Promise.all([db.moduleProgress.toArray(), db.certificates.toArray()])
      : [[], []];
    let state: LearningState;
    try {
      state = await apiRequest(apiPaths.learningState(), LearningStateSchema, {
        method: 'POST',
        body: {
          progress: progress.map(toWire),
          certificateRequestIds: certificates.flatMap((c) => (c.code ? [c.requestId] : [])).slice(0, 500)
        }
      });
    } catch (error) {
      if (!(error instanceof NetworkError)) console.warn('MOP: could not sync learning progress', error);
      return false;
    }
    await takeAccountState(state);
    return true;
  })().finally(() => {
    syncing = null;
  });
  return syncing;
}

export async function listCertificates(): Promise<StoredCertificate[]> {
  const all = (await (await existingLearningDb())?.certificates.toArray()) ?? [];
  return all.sort((a, b) => b.completedAt.localeCompare(a.completedAt));
}

export async function getCertificate(requestId: string): Promise<StoredCertificate | undefined> {
  return (await existingLearningDb())?.certificates.get(requestId);
}

/**
 * Makes the certificate for the last passing attempt of `module` with the learner's name, stores it on the device
 * and tries once to register it. The attempt's request id is reused, so asking twice (a double click, a retry after
 * an error) gives one certificate: a registered one is returned as it is, a waiting one takes the new name. Throws when
 * there is no passing attempt (the pages only offer this after one).
 */
export async function createCertificate(module: LearningModule, learnerName: string): Promise<StoredCertificate> {
  const progress = await getModuleProgress(module.id);
  const passing = [...(progress?.attempts ?? [])].reverse().find((attempt) => attempt.passed);
  if (!passing) throw new Error('There is no passed quiz for this module on this device yet');
  const requestId = passing.requestId ?? `${module.id}-${passing.at}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  const existing = await getCertificate(requestId);
  if (existing?.code) return existing;
  const certificate: StoredCertificate = {
    requestId,
    moduleId: module.id,
    moduleVersion: passing.moduleVersion,
    moduleTitle: module.title,
    learnerName: learnerName.trim(),
    answers: passing.answers,
    percent: passing.percent,
    completedAt: passing.at,
    code: null,
    issuedAt: null,
    error: null
  };
  await (await learningDb()).certificates.put(certificate);
  return (await registerCertificate(certificate.requestId)) ?? certificate;
}

/**
 * Registers one certificate with the server, if it is not yet. Offline (or with the server down) it stays pending
 * and is returned unchanged. A refusal that retrying cannot fix (4xx other
 * than 408/429) is kept as its `error`, so the page can say so instead of retrying for ever.
 */
async function registerCertificate(requestId: string): Promise<StoredCertificate | undefined> {
  const db = await learningDb();
  const stored = await db.certificates.get(requestId);
  if (!stored || stored.code !== null || stored.error !== null) return stored;
  let registered: Certificate;
  try {
    // Signed in, the certificate names the account and keeps the time the quiz was passed; without an account the
    // server dates it on arrival (see ANONYMOUS_DATING_MS).
    const stale = Date.parse(stored.completedAt) < Date.now() - ANONYMOUS_DATING_MS;
    registered = await apiRequest(apiPaths.moduleCertificates(stored.moduleId), CertificateSchema, {
      method: 'POST',
      body: {
        requestId: stored.requestId,
        learnerName: stored.learnerName,
        answers: stored.answers,
        moduleVersion: stored.moduleVersion,
        completedAt: !session.user && stale ? new Date().toISOString() : stored.completedAt
      }
    });
  } catch (error) {
    if (error instanceof NetworkError) return stored;
    if (error instanceof ApiRequestError && refusalIsFinal(error.status, error.code)) {
      const refused = { ...stored, error: error.message, errorCode: error.code };
      await db.certificates.put(refused);
      return refused;
    }
    console.warn('MOP: could not register a certificate; it stays pending', error);
    return stored;
  }
  const updated: StoredCertificate = {
    ...stored,
    code: registered.code,
    issuedAt: registered.issuedAt,
    percent: registered.percent,
    completedAt: registered.completedAt
  };
  await db.certificates.put(updated);
  return updated;
}

let registering: Promise<number> | null = null;

/** A refused certificate with a corrected name, sent again (the server keeps refusing answers that do not pass). */
export async function retryCertificate(requestId: string, learnerName: string): Promise<StoredCertificate | undefined> {
  const db = await learningDb();
  const stored = await db.certificates.get(requestId);
  if (!stored || stored.code !== null) return stored;
  await db.certificates.put({ ...stored, learnerName: learnerName.trim(), error: null, errorCode: null });
  return registerCertificate(requestId);
}

/** Registers every pending certificate on this device (one run at a time); returns how many got their code. */
export function registerPendingCertificates(): Promise<number> {
  registering ??= (async () => {
    let count = 0;
    const db = await existingLearningDb();
    for (const certificate of (await db?.certificates.toArray()) ?? []) {
      if (certificate.code !== null || certificate.error !== null) continue;
      const after = await registerCertificate(certificate.requestId);
      if (after?.code) count++;
    }
    return count;
  })().finally(() => {
    registering = null;
  });
  return registering;
}

/** Looks a certificate code up on the server (needs the network); null when no certificate has it. */
export async function verifyCertificate(code: string, doFetch?: typeof fetch): Promise<Certificate | null> {
  try {
    return await apiRequest(apiPaths.certificate(code), CertificateSchema, { fetch: doFetch });
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}
