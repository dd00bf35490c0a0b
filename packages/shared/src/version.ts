/**
 * The version of the shapes of the Yjs documents that app and server exchange.
 *
 * Bump it whenever a document gains, renames or re-types a top-level shared type or a field that
 * older clients would misread, and add a step to the document migration (see `notes-doc.ts`,
 * `migrateMentorshipDoc`). Adding an optional field that old clients simply ignore does not need a bump.
 *
 * History: 1 = session notes; 2 = the mentoring workspace (availability, sessions, steps, goals, reflections, pins,
 * messages, read markers: see `workspace/shape.ts`).
 */
export const SYNC_FORMAT_VERSION = 2;
