/**
 * The version of the shapes of the Yjs documents that app and server exchange.
 *
 * Bump it whenever a document gains, renames or re-types a top-level shared type or a field that
 * older clients would misread, and add a step to the document migration (see `notes-doc.ts`,
 * `migrateMentorshipDoc`). Adding an optional field that old clients simply ignore does not need a bump.
 */
export const SYNC_FORMAT_VERSION = 1;
