import type { Migration } from './types.ts';
import { migration as init } from './001-init.ts';
import { migration as resources } from './002-resources.ts';
import { migration as matching } from './003-matching.ts';
import { migration as workspace } from './004-workspace.ts';
import { migration as learningModules } from './005-learning-modules.ts';
import { migration as docLog } from './006-doc-log.ts';
import { migration as accountsMail } from './007-accounts-mail.ts';
import { migration as cohorts } from './008-cohorts.ts';
import { migration as privacy } from './009-privacy.ts';
import { migration as learningAccounts } from './010-learning-accounts.ts';
import { migration as sessionIdle } from './011-session-idle.ts';
import { migration as collectionsRetired } from './012-collections-retired.ts';
import { migration as notifications } from './013-notifications.ts';
import { migration as closingFeedback } from './014-closing-feedback.ts';
import { migration as pairOpened } from './015-pair-opened.ts';
import { migration as docJournal } from './016-doc-journal.ts';

export type { Migration } from './types.ts';

/**
 * Every migration, in order. Listed explicitly (not discovered on disk) so the server works the same under tsx,
 * vitest and a bundler. Append new steps; never edit or renumber one that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [
  init,
  resources,
  matching,
  workspace,
  learningModules,
  docLog,
  accountsMail,
  cohorts,
  privacy,
  learningAccounts,
  sessionIdle,
  collectionsRetired,
  notifications,
  closingFeedback,
  pairOpened,
  docJournal
];
