import type { Component } from 'svelte';
import type { Editor } from '@tiptap/core';
import Undo from '@lucide/svelte/icons/undo-2';
import Redo from '@lucide/svelte/icons/redo-2';
import Heading2 from '@lucide/svelte/icons/heading-2';
import Heading3 from '@lucide/svelte/icons/heading-3';
import Bold from '@lucide/svelte/icons/bold';
import Italic from '@lucide/svelte/icons/italic';
import List from '@lucide/svelte/icons/list';
import ListOrdered from '@lucide/svelte/icons/list-ordered';
import ListTodo from '@lucide/svelte/icons/list-todo';
import Link from '@lucide/svelte/icons/link';
import { m } from '$lib/paraglide/messages.js';
import { normaliseLinkHref } from './links';

/** One button of the note editor's toolbar. */
export interface EditorTool {
  key: string;
  icon: Component;
  label: () => string;
  /** TipTap's key names (`Mod` is Ctrl, or ⌘ on Apple devices). */
  shortcut: string[];
  /** Toggles a format: shown with `aria-pressed`. Actions (undo, redo) have none. */
  active?: (editor: Editor) => boolean;
  enabled: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
  /** Starts a separate group of the toolbar (a thin rule before it). */
  group?: boolean;
}

/** The buttons, in order. The link button opens the link field instead of running a command (see `applyLink`). */
export const EDITOR_TOOLS: EditorTool[] = [
  {
    key: 'undo',
    icon: Undo,
    label: m.toolbar_undo,
    shortcut: ['Mod', 'Z'],
    enabled: (e) => e.can().undo(),
    run: (e) => e.chain().focus().undo().run()
  },
  {
    key: 'redo',
    icon: Redo,
    label: m.toolbar_redo,
    shortcut: ['Mod', 'Shift', 'Z'],
    enabled: (e) => e.can().redo(),
    run: (e) => e.chain().focus().redo().run()
  },
  {
    key: 'h2',
    icon: Heading2,
    label: m.toolbar_heading,
    shortcut: ['Mod', 'Alt', '2'],
    group: true,
    active: (e) => e.isActive('heading', { level: 2 }),
    enabled: (e) => e.can().toggleHeading({ level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run()
  },
  {
    key: 'h3',
    icon: Heading3,
    label: m.toolbar_subheading,
    shortcut: ['Mod', 'Alt', '3'],
    active: (e) => e.isActive('heading', { level: 3 }),
    enabled: (e) => e.can().toggleHeading({ level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run()
  },
  {
    key: 'bold',
    icon: Bold,
    label: m.toolbar_bold,
    shortcut: ['Mod', 'B'],
    group: true,
    active: (e) => e.isActive('bold'),
    enabled: (e) => e.can().toggleBold(),
    run: (e) => e.chain().focus().toggleBold().run()
  },
  {
    key: 'italic',
    icon: Italic,
    label: m.toolbar_italic,
    shortcut: ['Mod', 'I'],
    active: (e) => e.isActive('italic'),
    enabled: (e) => e.can().toggleItalic(),
    run: (e) => e.chain().focus().toggleItalic().run()
  },
  {
    key: 'link',
    icon: Link,
    label: m.toolbar_link,
    shortcut: ['Mod', 'K'],
    active: (e) => e.isActive('link'),
    enabled: (e) => e.isEditable,
    run: () => undefined
  },
  {
    key: 'bullets',
    icon: List,
    label: m.toolbar_bullet_list,
    shortcut: ['Mod', 'Shift', '8'],
    group: true,
    active: (e) => e.isActive('bulletList'),
    enabled: (e) => e.can().toggleBulletList(),
    run: (e) => e.chain().focus().toggleBulletList().run()
  },
  {
    key: 'numbers',
    icon: ListOrdered,
    label: m.toolbar_numbered_list,
    shortcut: ['Mod', 'Shift', '7'],
    active: (e) => e.isActive('orderedList'),
    enabled: (e) => e.can().toggleOrderedList(),
    run: (e) => e.chain().focus().toggleOrderedList().run()
  },
  {
    key: 'tasks',
    icon: ListTodo,
    label: m.toolbar_task_list,
    shortcut: ['Mod', 'Shift', '9'],
    active: (e) => e.isActive('taskList'),
    enabled: (e) => e.can().toggleTaskList(),
    run: (e) => e.chain().focus().toggleTaskList().run()
  }
];

/** Whether this device shows ⌘ and ⌥ for shortcuts (Apple devices) rather than Ctrl and Alt. */
export function isApple(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);
}

/** A shortcut as people read it: `Ctrl+Shift+8`, or `⌘⇧8` on Apple devices. */
export function shortcutLabel(keys: string[], apple: boolean): string {
  const names: Record<string, [string, string]> = {
    Mod: ['Ctrl', '⌘'],
    Shift: ['Shift', '⇧'],
    Alt: ['Alt', '⌥']
  };
  const parts = keys.map((key) => names[key]?.[apple ? 1 : 0] ?? key);
  return apple ? parts.join('') : parts.join('+');
}

/** The `aria-keyshortcuts` value of a shortcut (`Control+B`, `Meta+B`). */
export function ariaShortcut(keys: string[], apple: boolean): string {
  return keys.map((key) => (key === 'Mod' ? (apple ? 'Meta' : 'Control') : key)).join('+');
}

/** The link at the cursor, to prefill the link field (empty when there is none). */
export function currentLink(editor: Editor): string {
  const href: unknown = editor.getAttributes('link').href;
  return typeof href === 'string' ? href : '';
}

/**
 * Links the selection (or the link around the cursor) to what was typed, after `normaliseLinkHref`; with nothing
 * selected the address itself is inserted as linked text. Returns false, changing nothing, when the address is not
 * an http(s) or mailto link.
 */
export function applyLink(editor: Editor, input: string): boolean {
  const href = normaliseLinkHref(input);
  if (!href) return false;
  const chain = editor.chain().focus();
  if (editor.state.selection.empty && !editor.isActive('link')) {
    const text = href.replace(/^mailto:/, '');
    // Typing on after the inserted link starts plain text (autolinked links would otherwise grow with it).
    chain
      .insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] })
      .unsetMark('link')
      .run();
  } else {
    chain.extendMarkRange('link').setLink({ href }).run();
  }
  return true;
}

/** Removes the link around the cursor or in the selection, keeping its text. */
export function removeLink(editor: Editor): void {
  editor.chain().focus().extendMarkRange('link').unsetLink().run();
}
