import * as Y from 'yjs';
import { GOAL_STATUSES, type GoalStatus } from './goal-statuses.ts';
import { MENTRA_STEP_IDS } from './framework.ts';
import {
  WORKSPACE_KEYS,
  WorkspaceError,
  checkDate,
  checkText,
  newRecord,
  newRecordId,
  recordOf,
  str,
  strOrNull,
  type RecordMap
} from './shape.ts';

/** Framework steps, goals and reflections: the "goals and progress" part of the pair's workspace. */

// In a file of its own, which does not import Yjs: the wire schemas (api.ts) need the list, not the documents.
export { GOAL_STATUSES, type GoalStatus };
export const MAX_GOAL_TITLE = 300;
export const MAX_REFLECTION = 8000;
export const MAX_COMMENT = 4000;

/** A ticked framework step. */
export interface StepTick {
  stepId: string;
  done: boolean;
  by: string;
  at: string;
}

function stepsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(WORKSPACE_KEYS.steps);
}

/** Ticks or unticks a MENTRA step (ids in `framework.ts`). Either member may; the last change wins. */
export function setStepDone(doc: Y.Doc, stepId: string, done: boolean, by: string, now = new Date()): void {
  if (!MENTRA_STEP_IDS.includes(stepId)) throw new WorkspaceError('invalid_input', `Unknown step ${stepId}`);
  stepsMap(doc).set(stepId, { done, by, at: now.toISOString() });
}

/** Every step's last tick (known step ids only). */
export function listStepTicks(doc: Y.Doc): StepTick[] {
  const ticks: StepTick[] = [];
  stepsMap(doc).forEach((value, stepId) => {
    if (!MENTRA_STEP_IDS.includes(stepId) || typeof value !== 'object' || value === null) return;
    const { done, by, at } = value as Record<string, unknown>;
    if (typeof done === 'boolean')
      ticks.push({ stepId, done, by: typeof by === 'string' ? by : '', at: typeof at === 'string' ? at : '' });
  });
  return ticks;
}

/** The ids of the steps ticked done. */
export function doneStepIds(doc: Y.Doc): Set<string> {
  return new Set(
    listStepTicks(doc)
      .filter((tick) => tick.done)
      .map((tick) => tick.stepId)
  );
}

/** A goal of the mentee. */
export interface Goal {
  id: string;
  title: string;
  targetDate: string | null;
  status: GoalStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string;
}

function goalsMap(doc: Y.Doc): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(WORKSPACE_KEYS.goals);
}

function readGoal(map: RecordMap): Goal | null {
  const id = map.get('id');
  if (typeof id !== 'string') return null;
  const status = map.get('status');
  return {
    id,
    title: str(map, 'title'),
    targetDate: strOrNull(map, 'targetDate'),
    status: (GOAL_STATUSES as readonly unknown[]).includes(status) ? (status as GoalStatus) : 'not-started',
    createdBy: str(map, 'createdBy'),
    createdAt: str(map, 'createdAt'),
    updatedAt: str(map, 'updatedAt', str(map, 'createdAt')),
    statusChangedAt: str(map, 'statusChangedAt', str(map, 'createdAt'))
  };
}

/** Every goal, by target date (goals without one last), then by creation. */
export function listGoals(doc: Y.Doc): Goal[] {
  const goals: Goal[] = [];
  goalsMap(doc).forEach((map) => {
    const goal = map instanceof Y.Map ? readGoal(map) : null;
    if (goal) goals.push(goal);
  });
  return goals.sort(
    (a, b) => (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.createdAt.localeCompare(b.createdAt)
  );
}

/** Adds a goal (the mentee records goals; the app offers this to the mentee) and returns its id. */
export function addGoal(
  doc: Y.Doc,
  goal: { title: string; targetDate?: string | null; createdBy: string },
  now = new Date()
): string {
  const title = checkText('title', goal.title, MAX_GOAL_TITLE);
  const targetDate = goal.targetDate ? checkDate('targetDate', goal.targetDate) : null;
  const id = newRecordId();
  const at = now.toISOString();
  goalsMap(doc).set(
    id,
    newRecord({
      id,
      title,
      targetDate,
      status: 'not-started',
      createdBy: goal.createdBy,
      createdAt: at,
      updatedAt: at,
      statusChangedAt: at
    })
  );
  return id;
}

/** Changes a goal's title, target date and/or status; each field merges on its own with a concurrent edit. */
export function updateGoal(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; targetDate?: string | null; status?: GoalStatus },
  now = new Date()
): void {
  const map = recordOf(goalsMap(doc), id, 'goal');
  const title = patch.title === undefined ? undefined : checkText('title', patch.title, MAX_GOAL_TITLE);
  const targetDate =
    patch.targetDate === undefined || patch.targetDate === null
      ? patch.targetDate
      : checkDate('targetDate', patch.targetDate);
  if (patch.status !== undefined && !GOAL_STATUSES.includes(patch.status))
    throw new WorkspaceError('invalid_input', `status must be one of ${GOAL_STATUSES.join(', ')}`);
  const at = now.toISOString();
  doc.transact(() => {
    if (title !== undefined) map.set('title', title);
    if (targetDate !== undefined) map.set('targetDate', targetDate);
    if (patch.status !== undefined && patch.status !== map.get('status')) {
      map.set('status', patch.status);
      map.set('statusChangedAt', at);
    }
    map.set('updatedAt', at);
  });
}

/** A mentor's comment on a reflection. */
export interface ReflectionComment {
  id: string;
  author: string;
  text: string;
  createdAt: string;
}

/** A short reflection the mentee writes after a session. */
export interface Reflection {
  id: string;
  sessionId: string | null;
  author: string;
  text: string;
  createdAt: string;
  updatedAt: string;
  comments: ReflectionComment[];
}

function reflectionsMap(doc: Y.Doc): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(WORKSPACE_KEYS.reflections);
}

function readReflection(map: RecordMap): Reflection | null {
  const id = map.get('id');
  if (typeof id !== 'string' || typeof map.get('deletedAt') === 'string') return null;
  const comments = map.get('comments');
  return {
    id,
    sessionId: strOrNull(map, 'sessionId'),
    author: str(map, 'author'),
    text: str(map, 'text'),
    createdAt: str(map, 'createdAt'),
    updatedAt: str(map, 'updatedAt', str(map, 'createdAt')),
    comments:
      comments instanceof Y.Array
        ? comments
            .toArray()
            .filter(
              (c): c is ReflectionComment =>
                typeof c === 'object' && c !== null && typeof (c as ReflectionComment).text === 'string'
            )
        : []
  };
}

/** Reflections, newest first. */
export function listReflections(doc: Y.Doc): Reflection[] {
  const reflections: Reflection[] = [];
  reflectionsMap(doc).forEach((map) => {
    const reflection = map instanceof Y.Map ? readReflection(map) : null;
    if (reflection) reflections.push(reflection);
  });
  return reflections.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The mentee records a reflection, optionally about a session; returns its id. */
export function addReflection(
  doc: Y.Doc,
  pair: { menteeId: string },
  reflection: { author: string; text: string; sessionId?: string | null },
  now = new Date()
): string {
  if (reflection.author !== pair.menteeId)
    throw new WorkspaceError('forbidden', 'Reflections are written by the mentee');
  const text = checkText('text', reflection.text, MAX_REFLECTION);
  const id = newRecordId();
  const at = now.toISOString();
  reflectionsMap(doc).set(
    id,
    newRecord({
      id,
      sessionId: reflection.sessionId ?? null,
      author: reflection.author,
      text,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      comments: new Y.Array<unknown>()
    })
  );
  return id;
}

/** The mentee edits their reflection's text. */
export function updateReflection(doc: Y.Doc, id: string, by: string, text: string, now = new Date()): void {
  const map = recordOf(reflectionsMap(doc), id, 'reflection');
  if (str(map, 'author') !== by) throw new WorkspaceError('forbidden', 'Only the author edits a reflection');
  doc.transact(() => {
    map.set('text', checkText('text', text, MAX_REFLECTION));
    map.set('updatedAt', now.toISOString());
  });
}

/** The mentor comments on a reflection; returns the comment's id. */
export function commentOnReflection(
  doc: Y.Doc,
  pair: { mentorId: string },
  id: string,
  comment: { author: string; text: string },
  now = new Date()
): string {
  if (comment.author !== pair.mentorId) throw new WorkspaceError('forbidden', 'The mentor comments on reflections');
  const map = recordOf(reflectionsMap(doc), id, 'reflection');
  const comments = map.get('comments');
  if (!(comments instanceof Y.Array)) throw new WorkspaceError('not_found', `Reflection ${id} cannot take comments`);
  const commentId = newRecordId();
  comments.push([
    {
      id: commentId,
      author: comment.author,
      text: checkText('text', comment.text, MAX_COMMENT),
      createdAt: now.toISOString()
    }
  ]);
  return commentId;
}
