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
