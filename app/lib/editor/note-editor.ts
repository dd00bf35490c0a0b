import { Editor, Extension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import Collaboration, { isChangeOrigin } from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { isSafeLinkHref } from './links';

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
  /** Ctrl/⌘+K: the toolbar opens its link field. */
  onLinkShortcut: () => void;
  /** Alt+F10 (the usual way from a text area to its toolbar): the toolbar takes the focus. */
  onToolbarShortcut: () => void;
  /** The accessible name of a task's checkbox, given the task's text. */
  taskLabel: (text: string) => string;
}

/** Creates the rich-text editor of a session note, bound to Yjs with the other member's caret shown. */
export function createNoteEditor(options: NoteEditorOptions): Editor {
  const editor = new Editor({
    element: options.element,
    extensions: [
      // Collaboration brings Yjs' own undo manager (undo/redo commands, Mod-Z / Mod-Shift-Z / Mod-Y): it undoes only
      // this member's edits, where ProseMirror's local history would also undo the other member's.
      StarterKit.configure({
        undoRedo: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          // Only web and e-mail links, whether typed, pasted, autolinked or arriving from the other member.
          isAllowedUri: (url) => isSafeLinkHref(url),
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' }
        }
      }),
      TaskList,
      TaskItem.configure({ nested: true, a11y: { checkboxLabel: (node) => options.taskLabel(node.textContent) } }),
      Extension.create({
        name: 'toolbarShortcuts',
        addKeyboardShortcuts: () => ({
          'Mod-k': () => {
            options.onLinkShortcut();
            return true;
          },
          'Alt-F10': () => {
            options.onToolbarShortcut();
            return true;
          }
        })
      }),
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
