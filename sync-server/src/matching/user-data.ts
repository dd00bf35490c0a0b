import type { MatchingRun } from '@mop/shared';
import type { ModuleContext, UserDataFile } from '../module.ts';
import { jsonFile } from '../storage/read-doc.ts';

interface RunRow {
  id: string;
  programme_id: string;
  data: string;
}

/** Runs whose stored JSON mentions the person (their id is in it as a pair's or an unmatched person's ref). */
function runsMentioning(ctx: ModuleContext, userId: string): RunRow[] {
  return ctx.db
    .prepare('SELECT id, programme_id, data FROM matching_runs WHERE instr(data, ?) > 0')
    .all(JSON.stringify(userId)) as RunRow[];
}

/**
 * The person's match requests, and from each matching run that considered them only what concerns them: the pairs
 * proposed with them (the other person's name, the score and why) or why they were left out.
 */
export function exportMatching(ctx: ModuleContext, userId: string): UserDataFile[] {
  const requests = ctx.db
    .prepare(
      `SELECT r.id, p.name AS programme, r.mentee_id = @id AS asMentee, r.message, r.status,
              r.created_at AS createdAt, r.decided_at AS decidedAt
       FROM match_requests r JOIN programmes p ON p.id = r.programme_id
       WHERE r.mentee_id = @id OR r.mentor_id = @id ORDER BY r.created_at`
    )
    .all({ id: userId });
  const runs = runsMentioning(ctx, userId).map((row) => {
    const run = JSON.parse(row.data) as MatchingRun;
    return {
      runId: run.id,
      programmeId: run.programmeId,
      status: run.status,
      createdAt: run.createdAt,
      publishedAt: run.publishedAt,
      proposedPairs: run.pairs.filter((pair) => pair.mentee.id === userId || pair.mentor.id === userId),
      leftOut: run.unmatched
        .filter((person) => person.person.id === userId)
        .map(({ bestEligible: _others, ...person }) => person)
    };
  });
  return [jsonFile('match-requests.json', requests), jsonFile('matching-runs.json', runs)];
}

/**
 * Deletes the person's match requests and takes their name out of every matching run (the run keeps its pairs and
 * scores, which the programme's report needs, with an empty name where theirs was).
 */
export function eraseMatching(ctx: ModuleContext, userId: string): void {
  const name = ctx.db.prepare('SELECT name FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
  ctx.transaction(() => {
    ctx.db.prepare('DELETE FROM match_requests WHERE mentee_id = ? OR mentor_id = ?').run(userId, userId);
    for (const row of runsMentioning(ctx, userId)) {
      const run = JSON.parse(row.data) as MatchingRun;
      const scrub = (ref: { id: string; name: string }) => (ref.id === userId ? { ...ref, name: '' } : ref);
      run.pairs = run.pairs.map((pair) => ({ ...pair, mentee: scrub(pair.mentee), mentor: scrub(pair.mentor) }));
      run.unmatched = run.unmatched.map((person) => ({
        ...person,
        person: scrub(person.person),
        ...(person.bestEligible ? { bestEligible: person.bestEligible.map(scrub) } : {})
      }));
      let data = JSON.stringify(run);
      // A name copied anywhere else in the run (a lock's label, a note) goes too.
      if (name) data = data.split(JSON.stringify(name)).join('""');
      ctx.db.prepare('UPDATE matching_runs SET data = ? WHERE id = ?').run(data, row.id);
    }
  });
}
