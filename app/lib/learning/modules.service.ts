import {
  CertificateSchema,
  gradeQuiz,
  type Certificate,
  type LearningModule,
  type QuizGrade,
  apiPaths
} from '@mop/shared';
import { ApiRequestError, NetworkError, apiRequest } from '$lib/services/api';
import { learningDb, type StoredCertificate, type StoredModuleProgress } from './learning-db';
import { keptAnswers, refusalIsFinal } from './module-progress';

/**
 * The self-learning modules on this device: progress through the lessons, quiz attempts graded offline, and
 * certificates, which are made at once and registered with the server (for their verification code) whenever it can
 * be reached. Everything is kept in the learning center's own IndexedDB database, not in the signed-in user's.
 */

const now = () => new Date().toISOString();
const empty = (moduleId: string): StoredModuleProgress => ({
  moduleId,
  lessonsDone: [],
  draftAnswers: {},
  attempts: [],
  updatedAt: now()
});

export async function getModuleProgress(moduleId: string): Promise<StoredModuleProgress | undefined> {
  return learningDb().moduleProgress.get(moduleId);
}

export async function listModuleProgress(): Promise<Map<string, StoredModuleProgress>> {
  return new Map((await learningDb().moduleProgress.toArray()).map((progress) => [progress.moduleId, progress]));
}

/** Changes one module's progress inside a transaction, so two tabs marking lessons cannot undo each other. */
async function updateProgress(
  moduleId: string,
  change: (progress: StoredModuleProgress) => void
): Promise<StoredModuleProgress> {
  const db = learningDb();
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

/** "Start over": forgets lessons, answers and attempts of one module. Certificates already earned stay. */
export async function resetModuleProgress(moduleId: string): Promise<void> {
  await learningDb().moduleProgress.delete(moduleId);
}

export async function listCertificates(): Promise<StoredCertificate[]> {
  const all = await learningDb().certificates.toArray();
  return all.sort((a, b) => b.completedAt.localeCompare(a.completedAt));
}

export async function getCertificate(requestId: string): Promise<StoredCertificate | undefined> {
  return learningDb().certificates.get(requestId);
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
  await learningDb().certificates.put(certificate);
  return (await registerCertificate(certificate.requestId)) ?? certificate;
}

/**
 * Registers one certificate with the server, if it is not yet. Offline (or with the server down) it stays pending
 * and is returned unchanged. A refusal that retrying cannot fix (4xx other
 * than 408/429) is kept as its `error`, so the page can say so instead of retrying for ever.
 */
async function registerCertificate(requestId: string): Promise<StoredCertificate | undefined> {
  const db = learningDb();
  const stored = await db.certificates.get(requestId);
  if (!stored || stored.code !== null || stored.error !== null) return stored;
  let registered: Certificate;
  try {
    registered = await apiRequest(apiPaths.moduleCertificates(stored.moduleId), CertificateSchema, {
      method: 'POST',
      body: {
        requestId: stored.requestId,
        learnerName: stored.learnerName,
        answers: stored.answers,
        moduleVersion: stored.moduleVersion,
        completedAt: stored.completedAt
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
    percent: registered.percent
  };
  await db.certificates.put(updated);
  return updated;
}

let registering: Promise<number> | null = null;

/** A refused certificate with a corrected name, sent again (the server keeps refusing answers that do not pass). */
export async function retryCertificate(requestId: string, learnerName: string): Promise<StoredCertificate | undefined> {
  const db = learningDb();
  const stored = await db.certificates.get(requestId);
  if (!stored || stored.code !== null) return stored;
  await db.certificates.put({ ...stored, learnerName: learnerName.trim(), error: null, errorCode: null });
  return registerCertificate(requestId);
}

/** Registers every pending certificate on this device (one run at a time); returns how many got their code. */
export function registerPendingCertificates(): Promise<number> {
  registering ??= (async () => {
    let count = 0;
    for (const certificate of await learningDb().certificates.toArray()) {
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
