import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToMarkdown } from './note-markdown.ts';

/** A task item as TipTap's Collaboration extension stores it: `taskItem[checked] > paragraph > text`. */
function taskItem(text: string, checked: boolean | string): Y.XmlElement {
  const item = new Y.XmlElement('taskItem');
  const paragraph = new Y.XmlElement('paragraph');
  item.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText(text)]);
  item.setAttribute('checked', checked as string);
  return item;
}

describe('fragmentToMarkdown', () => {
  it('writes task lists as Markdown check boxes', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    const list = new Y.XmlElement('taskList');
    body.insert(0, [list]);
    list.insert(0, [taskItem('Read the guide', true), taskItem('Book a session', false), taskItem('Old', 'true')]);
    expect(fragmentToMarkdown(body)).toBe('- [x] Read the guide\n\n- [ ] Book a session\n\n- [x] Old');
  });
});
