import { Hono, type Context } from 'hono';
import {
  LearningSyncRequestSchema,
  SlugSchema,
  mergeModuleProgress,
  type AccountCertificate,
  type LearningState,
  type User
} from '@mop/shared';
import * as v from 'valibot';
import { ApiRefusal, guarded, readBody } from '../http/refusal.ts';
import type { ModuleStore, StoredCertificate } from './store.ts';

const toAccountCertificate = ({ userId: _userId, ...certificate }: StoredCertificate): AccountCertificate =>
  certificate;

/** What the account holds: its progress in every module and its certificates, newest first. */
function learningState(modules: ModuleStore, userId: string): LearningState {
  return {
    progress: modules.listProgress(userId),
    certificates: modules.listUserCertificates(userId).map(toAccountCertificate)
  };
}

/**
 * A signed-in learner's self-learning progress and certificates, kept with the account so they follow it to every
 * device (wire in `packages/shared/src/learning-sync.ts`). Why REST and not a per-user Yjs document: progress only
 * grows (lessons done, attempts) and certificates are registered by the server anyway, so a union merge on both ends
 * is all the conflict handling needed; the learning pages are also used without an account, so their data stays in
 * the device's own database and is sent here when someone is signed in.
 */
export function accountLearningRoutes(modules: ModuleStore, requireUser: (c: Context) => User): Hono {
  const app = new Hono();

  app.post(
    '/me/learning',
    guarded(async (c) => {
      const user = requireUser(c);
      const request = await readBody(c, LearningSyncRequestSchema);
      modules.transaction(() => {
        for (const incoming of request.progress) {
          // Progress of a module this server does not have (removed, or another server's) is not kept.
          if (!modules.getModule(incoming.moduleId)) continue;
          const stored = modules.getProgress(user.id, incoming.moduleId);
          modules.putProgress(user.id, stored ? mergeModuleProgress(stored, incoming) : incoming);
        }
        modules.claimCertificates(user.id, request.certificateRequestIds);
      });
      c.header('Cache-Control', 'no-store');
      return c.json(learningState(modules, user.id));
    })
  );

  app.delete(
    '/me/learning/progress/:moduleId',
    guarded((c) => {
      const user = requireUser(c);
      const moduleId = c.req.param('moduleId');
      if (!v.is(SlugSchema, moduleId)) throw new ApiRefusal(400, 'invalid_request', 'moduleId: not a module id');
      modules.deleteProgress(user.id, moduleId);
      c.header('Cache-Control', 'no-store');
      return c.json(learningState(modules, user.id));
    })
  );

  return app;
}
