/**
 * What the document rules cost per update, in one process, without the network and the store: a pair's realistic
 * stream of updates (chat messages from both members, typing in a note, pins, goals, step ticks, session events) is
 * applied to a fresh document with and without `checkDocumentUpdate` in front, alternating, several rounds; the
 * integration check (`checkUpdate`) runs in both, as on the server. Prints µs per update and the ratio.
 *
 * `npx tsx bench/sync/document-rules.ts [--rounds 5 --messages 2000]`
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import {
  addGoal,
  addPin,
  createNote,
  noteBody,
  proposeSession,
  sendMessage,
  setStepDone,
  MENTRA_STEP_IDS
} from '@mop/shared';
import { checkUpdate } from '../../sync-server/src/sync/update-check.ts';
import { checkDocumentUpdate } from '../../sync-server/src/sync/document-rules.ts';
import { mentorshipRules } from '../../sync-server/src/mentorships/document-rules.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const PAIR = { mentorId: 'mentor-1', menteeId: 'mentee-1' };

/** The updates two members' devices send, in the order the server receives them, with their sender. */
function pairStream(messages: number): { update: Uint8Array; user: string }[] {
  const stream: { update: Uint8Array; user: string }[] = [];
  const mentor = new Y.Doc();
  const mentee = new Y.Doc();
  const capture = (doc: Y.Doc, user: string, other: Y.Doc) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'relay') return;
      stream.push({ update, user });
      Y.applyUpdate(other, update, 'relay');
    });
  capture(mentor, PAIR.mentorId, mentee);
  capture(mentee, PAIR.menteeId, mentor);
  const note = createNote(mentor, { title: 'First session', date: '2026-01-10', createdBy: PAIR.mentorId });
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  noteBody(mentor, note)?.insert(0, [paragraph]);
  for (let i = 0; i < messages; i++) {
    const [doc, user] = i % 2 === 0 ? [mentor, PAIR.mentorId] : [mentee, PAIR.menteeId];
    sendMessage(doc, { author: user, text: `Message ${i}: how did the application go? Let us talk on Tuesday.` });
    text.insert(text.length, `word${i} `);
    if (i % 20 === 0)
      addPin(doc, { kind: 'link', url: `https://example.org/${i}` }, { pinnedBy: user, comment: 'see' });
    if (i % 25 === 0) addGoal(doc, { title: `Goal ${i}`, targetDate: null, createdBy: user });
    if (i % 30 === 0) setStepDone(doc, MENTRA_STEP_IDS[i % MENTRA_STEP_IDS.length] as string, true, user);
    if (i % 50 === 0)
      proposeSession(doc, PAIR, user, { slots: ['2026-03-02T10:00:00Z'], durationMinutes: 60, timeZone: 'UTC' });
  }
  return stream;
}

function run(stream: { update: Uint8Array; user: string }[], checked: boolean): number {
  const doc = new Y.Doc();
  const rules = mentorshipRules(PAIR);
  const started = performance.now();
  for (const { update, user } of stream) {
    if (checkUpdate(doc, update, 10_000)) throw new Error('refused by the integration check');
    if (checked) {
      const refusal = checkDocumentUpdate(rules, doc, update, user, () => 0);
      if (refusal) throw new Error(`refused: ${refusal.reason}`);
    }
    Y.applyUpdate(doc, update);
  }
  const elapsed = performance.now() - started;
  doc.destroy();
  return elapsed;
}

const rounds = Number(arg('rounds', '5'));
const stream = pairStream(Number(arg('messages', '2000')));
const times = { on: [] as number[], off: [] as number[] };
run(stream, true); // warm-up, both paths
run(stream, false);
for (let round = 0; round < rounds; round++) {
  for (const checked of round % 2 === 0 ? [true, false] : [false, true]) {
    times[checked ? 'on' : 'off'].push(run(stream, checked));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const perUpdate = (ms: number) => (ms * 1000) / stream.length;
const on = median(times.on);
const off = median(times.off);
console.log(
  `Document rules in process (${new Date().toISOString()}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}): ${stream.length} updates of a pair, ${rounds} rounds, medians.`
);
console.log(
  `| with the rules: ${perUpdate(on).toFixed(1)} µs per update | without: ${perUpdate(off).toFixed(1)} µs | ratio ${(on / off).toFixed(2)} |`
);
