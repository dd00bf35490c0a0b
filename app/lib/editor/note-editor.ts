import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration, { isChangeOrigin } from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

export interface NoteEditorOptions {
  element: HTMLElement;
  /** The note's body (`noteBody(doc, id)`); every keystroke becomes a Yjs update, stored in IndexedDB at once. */
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  /** Accessible name of the editing area. */
  label: string;
  /** Called after each local edit of the body (not for edits that arrive from the other member). */
  onLocalEdit: () => void;
  /** Called after every transaction, so the toolbar can show which marks are active. */
  onTransaction: () => void;
}

/** Creates the rich-text editor of a session note, bound to Yjs with the other member's caret shown. */
export function createNoteEditor(options: NoteEditorOptions): Editor {
  const editor = new Editor({
    element: options.element,
    extensions: [
      // Collaboration brings Yjs' own undo manager; the local history would undo the other member's edits.
      StarterKit.configure({ undoRedo: false, link: false }),
      Collaboration.configure({ fragment: options.fragment }),
      CollaborationCaret.configure({ provider: options.provider, user: options.user })
    ],
    editorProps: {
      attributes: {
        'aria-label': options.label,
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'note-body',
        'data-testid': 'note-body'
      }
    }
  });
  editor.on('update', ({ transaction }) => {
    if (!isChangeOrigin(transaction)) options.onLocalEdit();
  });
  editor.on('transaction', () => options.onTransaction());
  return editor;
}

export type { Editor };
