import fs from 'node:fs';
import {
  WORKSPACE_KEYS,
  bumpDocEpoch,
  erasePinsOfFiles,
  fragmentToMarkdown,
  listGoals,
  listMessages,
  listNotes,
  listPins,
  listReflections,
  listSessions,
  listStepTicks,
  mentorshipDocName,
  noteBody
} from '@mop/shared';
import type { ModuleContext, UserDataFile } from '../module.ts';
import type { BlobStore } from '../resources/index.ts';
import { jsonFile, readDoc } from '../storage/read-doc.ts';
import { pairsOf } from '../mentorships/user-data.ts';
import { buildCalendar } from './ics.ts';
import { deleteUnusedPairBlobs } from './pair-blobs.ts';

/** A file name safe in any zip tool: letters, digits, dashes; never empty. */
function slug(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return cleaned || fallback;
}

interface PairFileRow {
  id: string;
  mentorship_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

/**
 * The person's part of the workspace: each of their pairs' document (notes as Markdown, messages, sessions as `.ics`
 * and JSON, goals, reflections, steps, pins, availability), the files they uploaded, their community posts and
 * whether they have a calendar feed.
 */
export function exportWorkspace(ctx: ModuleContext, blobs: BlobStore, userId: string): UserDataFile[] {
  const files: UserDataFile[] = [];
  for (const pair of pairsOf(ctx, userId)) {
    const dir = `pair-${pair.id}`;
    const members = { mentorId: pair.mentor_id, menteeId: pair.mentee_id };
    const other = ctx.store.findUserById(pair.mentor_id === userId ? pair.mentee_id : pair.mentor_id);
    readDoc(ctx.store, ctx.docs.liveDoc, mentorshipDocName(pair.id), (doc) => {
      for (const note of listNotes(doc)) {
        const body = noteBody(doc, note.id);
        const markdown = `# ${note.title || 'Untitled'}\n\n_${note.date}_\n\n${body ? fragmentToMarkdown(body) : ''}\n`;
        files.push({ path: `${dir}/notes/${note.date}-${slug(note.title, note.id)}.md`, content: markdown });
      }
      const sessions = listSessions(doc, members);
      files.push(jsonFile(`${dir}/messages.json`, listMessages(doc)));
      files.push(jsonFile(`${dir}/sessions.json`, sessions));
      files.push({
        path: `${dir}/sessions.ics`,
        content: buildCalendar(
          'MOP sessions',
          sessions.map((session) => ({ session, mentorshipId: pair.id, withName: other?.name ?? '' })),
          ctx.now()
        ).toString()
      });
      files.push(jsonFile(`${dir}/goals.json`, listGoals(doc)));
      files.push(jsonFile(`${dir}/reflections.json`, listReflections(doc)));
      files.push(jsonFile(`${dir}/steps.json`, listStepTicks(doc)));
      files.push(jsonFile(`${dir}/pins.json`, listPins(doc)));
      files.push(jsonFile(`${dir}/availability.json`, doc.getMap(WORKSPACE_KEYS.availability).toJSON()));
    });
  }
  const uploaded = ctx.db
    .prepare(
      `SELECT id, mentorship_id, name, media_type, size, sha256, created_at FROM pair_files
       WHERE uploaded_by = ? ORDER BY created_at`
    )
    .all(userId) as PairFileRow[];
  files.push(
    jsonFile(
      'uploaded-files.json',
      uploaded.map((file) => ({
        id: file.id,
        pair: file.mentorship_id,
        name: file.name,
        mediaType: file.media_type,
        size: file.size,
        uploadedAt: file.created_at,
        inThisArchive: blobs.has(file.sha256) ? `uploads/${file.id}-${file.name}` : null
      }))
    )
  );
  for (const file of uploaded) {
    if (blobs.has(file.sha256))
      files.push({ path: `uploads/${file.id}-${file.name}`, content: fs.readFileSync(blobs.pathOf(file.sha256)) });
  }
  const posts = ctx.db
    .prepare(
      `SELECT p.id, t.title AS topic, pr.name AS programme, p.text, p.created_at AS createdAt,
              p.hidden_at AS hiddenAt, p.hidden_reason AS hiddenReason
       FROM community_posts p JOIN community_topics t ON t.id = p.topic_id JOIN programmes pr ON pr.id = t.programme_id
       WHERE p.author_id = ? ORDER BY p.created_at`
    )
    .all(userId);
  files.push(jsonFile('community-posts.json', posts));
  const feed = ctx.db.prepare('SELECT created_at FROM calendar_tokens WHERE user_id = ?').get(userId) as
    { created_at: string } | undefined;
  files.push(jsonFile('calendar-feed.json', { active: feed !== undefined, createdAt: feed?.created_at ?? null }));
  return files;
}

/**
 * Erases the person's workspace records: files they uploaded (rows, blobs no other row uses, and any pin of them in
 * the pair's document), their community posts and reports (a topic they opened goes when no one else posted in it),
 * and their calendar feed.
 */
export function eraseWorkspace(ctx: ModuleContext, blobs: BlobStore, userId: string): void {
  const uploaded = ctx.db
    .prepare('SELECT id, mentorship_id, sha256 FROM pair_files WHERE uploaded_by = ?')
    .all(userId) as Pick<PairFileRow, 'id' | 'mentorship_id' | 'sha256'>[];
  const byPair = new Map<string, Set<string>>();
  for (const file of uploaded)
    byPair.set(file.mentorship_id, (byPair.get(file.mentorship_id) ?? new Set()).add(file.id));
  for (const [mentorshipId, fileIds] of byPair) {
    ctx.docs.rewrite(mentorshipDocName(mentorshipId), (doc) => {
      erasePinsOfFiles(doc, fileIds);
      bumpDocEpoch(doc, ctx.now());
    });
  }
  ctx.transaction(() => {
    ctx.db.prepare('DELETE FROM pair_files WHERE uploaded_by = ?').run(userId);
    ctx.db.prepare('DELETE FROM community_reports WHERE reporter_id = ?').run(userId);
    ctx.db.prepare('DELETE FROM community_posts WHERE author_id = ?').run(userId);
    ctx.db
      .prepare(
        `DELETE FROM community_topics WHERE author_id = ?
         AND NOT EXISTS (SELECT 1 FROM community_posts p WHERE p.topic_id = community_topics.id)`
      )
      .run(userId);
    ctx.db.prepare('DELETE FROM calendar_tokens WHERE user_id = ?').run(userId);
  });
  deleteUnusedPairBlobs(
    ctx.db,
    blobs,
    uploaded.map((file) => file.sha256)
  );
}
