import * as Y from 'yjs';
import { MAX_PROFILE_DOC_BYTES, PROFILE_KEY, profileFieldProblem } from '@mop/shared';
import type { DocumentRules } from '../sync/update-places.ts';

/**
 * What a profile document (`profile:<userId>`, shape in `packages/shared/src/profile-doc.ts`) accepts from its owner:
 * plain values of the known fields in the `profile` map, each within `PROFILE_LIMITS`, and nothing else. Others open
 * it read-only, so the writer is always the owner.
 */
export function profileRules(ownerId: string): DocumentRules {
  return {
    maxDocBytes: MAX_PROFILE_DOC_BYTES,
    checkAdded(content, user) {
      if (user !== ownerId) return 'a profile is written by its owner';
      const [root, key] = content.path;
      if (root !== PROFILE_KEY || content.path.length !== 2 || key === undefined || key === '#')
        return 'a profile holds its answers only';
      if (!(content.content instanceof Y.ContentAny)) return 'plain values expected';
      for (const value of content.values) {
        const problem = profileFieldProblem(key, value);
        if (problem) return problem;
      }
      return null;
    }
  };
}
