import * as Y from 'yjs';
import { profileDocName, writeProfile } from '@mop/shared';
import type { ModuleContext } from '../module.ts';

/**
 * Starts a new member's matching profile with the name they gave when they accepted an invitation or joined, so the
 * questionnaire's first answer is already there. Only for a profile nobody has written yet (a brand-new account):
 * an existing document is the person's own, and the server does not overwrite it.
 */
export function startProfileWithName(ctx: Pick<ModuleContext, 'store'>, userId: string, name: string): void {
  const docName = profileDocName(userId);
  if (ctx.store.loadDocUpdates(docName).length > 0) return;
  const doc = new Y.Doc();
  writeProfile(doc, { displayName: name });
  ctx.store.appendDocUpdate(docName, Y.encodeStateAsUpdate(doc));
  doc.destroy();
}

/**
 * Stores the language a new account was made in (the sign-up page's, which is the invitation's unless the person
 * chose another): e-mails follow it from the first one (mail/language.ts).
 */
export function setAccountLanguage(ctx: Pick<ModuleContext, 'db'>, userId: string, language: string | null): void {
  if (language === 'en' || language === 'it' || language === 'es')
    ctx.db.prepare('UPDATE users SET language = ? WHERE id = ? AND language IS NULL').run(language, userId);
}
