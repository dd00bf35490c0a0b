import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNote, listNotes, noteBody } from '../notes-doc.ts';
import { fragmentToMarkdown } from '../note-markdown.ts';
import { addGoal, addReflection, commentOnReflection, listGoals, listReflections } from './goals.ts';
import { listMessages, sendMessage } from './messages.ts';
import { addPin, listPins } from './pins.ts';
import { listSessions, proposeSession } from './sessions.ts';
import { eraseMemberFromPairDoc, eraseRecord, findErasableRecord, purgeDeletedRecords } from './erasure.ts';

const PAIR = { mentorId: 'mentor', menteeId: 'mentee' };
const offer = (agenda: string) => ({
  title: 'Review',
  slots: ['2099-01-05T10:00:00.000Z'],
  durationMinutes: 60,
  timeZone: 'Europe/Rome',
  agenda
});

function pairDoc() {
  const doc = new Y.Doc();
  const menteeNote = createNote(doc, { title: 'Mine', date: '2025-01-01', createdBy: PAIR.menteeId });
  const mentorNote = createNote(doc, { title: 'Theirs', date: '2025-01-02', createdBy: PAIR.mentorId });
  sendMessage(doc, { author: PAIR.menteeId, text: 'from mentee' });
  sendMessage(doc, { author: PAIR.mentorId, text: 'from mentor' });
  const reflection = addReflection(doc, PAIR, { author: PAIR.menteeId, text: 'my reflection' });
  commentOnReflection(doc, PAIR, reflection, { author: PAIR.mentorId, text: 'nice' });
  addGoal(doc, { title: 'mentee goal', createdBy: PAIR.menteeId });
  addGoal(doc, { title: 'mentor goal', createdBy: PAIR.mentorId });
  addPin(doc, { kind: 'link', url: 'https://example.org' }, { pinnedBy: PAIR.menteeId });
  proposeSession(doc, PAIR, PAIR.menteeId, offer('my agenda'));
  return { doc, menteeNote, mentorNote };
}

describe('erasing a member from a pair document', () => {
  it('removes what they wrote alone, keeps the sessions without their text and keeps the other member whole', () => {
    const { doc, mentorNote } = pairDoc();
    eraseMemberFromPairDoc(doc, PAIR.menteeId);
    expect(listMessages(doc).map((m) => m.text)).toEqual(['from mentor']);
    expect(listNotes(doc).map((n) => n.id)).toEqual([mentorNote]);
    expect(listReflections(doc)).toEqual([]);
    expect(listGoals(doc).map((g) => g.title)).toEqual(['mentor goal']);
    expect(listPins(doc)).toEqual([]);
    const [session] = listSessions(doc, PAIR);
    expect(session?.createdBy).toBe(PAIR.menteeId);
    expect(session?.offer.agenda).toBe('');
    // Nothing they wrote is left in the encoded document.
    const bytes = Buffer.from(Y.encodeStateAsUpdate(doc));
    for (const text of ['from mentee', 'my reflection', 'mentee goal', 'my agenda'])
      expect(bytes.includes(text)).toBe(false);
  });

  it('erases one record, and empties the bin only after the grace period', () => {
    const { doc, menteeNote } = pairDoc();
    const message = listMessages(doc)[0]!;
    expect(findErasableRecord(doc, 'message', message.id)).toEqual({ author: PAIR.menteeId, inBin: false });
    eraseRecord(doc, 'message', message.id);
    expect(findErasableRecord(doc, 'message', message.id)).toBeNull();

    deleteNote(doc, menteeNote, new Date('2025-02-01T00:00:00Z'));
    expect(findErasableRecord(doc, 'note', menteeNote)?.inBin).toBe(true);
    expect(purgeDeletedRecords(doc, new Date('2025-01-15T00:00:00Z'))).toBe(0);
    expect(purgeDeletedRecords(doc, new Date('2025-03-15T00:00:00Z'))).toBe(1);
    expect(findErasableRecord(doc, 'note', menteeNote)).toBeNull();
  });
});

describe('notes as Markdown', () => {
  it('renders headings, lists and marks', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { title: 'N', date: '2025-01-01', createdBy: 'a' });
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2');
    heading.insert(0, [new Y.XmlText('Plan')]);
    const para = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    para.insert(0, [text]);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const itemPara = new Y.XmlElement('paragraph');
    itemPara.insert(0, [new Y.XmlText('first')]);
    item.insert(0, [itemPara]);
    list.insert(0, [item]);
    noteBody(doc, id)!.insert(0, [heading, para, list]);
    text.insert(0, 'bold', { bold: true });
    text.insert(4, ' and plain', { bold: null });
    expect(fragmentToMarkdown(noteBody(doc, id)!)).toBe('## Plan\n\n**bold** and plain\n\n- first');
  });
});
