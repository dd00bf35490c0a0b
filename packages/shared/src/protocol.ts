/**
 * Constants of the y-websocket protocol (y-websocket 3 / y-protocols 1) as MOP uses it, and the limits both ends
 * agree on. The encoding itself is y-protocols'; this file only names the numbers.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** Largest WebSocket message the server accepts; larger frames close that one connection (code 1009). */
export const MAX_SYNC_MESSAGE_BYTES = 8 * 1024 * 1024;

/** The server sends a ping this often so neither the client's 30 s silence timeout nor proxies drop the socket. */
export const KEEPALIVE_INTERVAL_MS = 15_000;

/** Path prefix of the sync WebSocket: `${SYNC_PATH}/${docName}`. */
export const SYNC_PATH = '/sync';
/** Path prefix of the REST API. */
export const API_PATH = '/api';
/** Name of the session cookie. */
export const SESSION_COOKIE = 'mop_session';

/**
 * Close codes the server sends when it refuses an update because of what it contains (docs/sync.md). Both are in
 * y-websocket's 4400–4499 range, which the stock client treats as final: resending the same update cannot help.
 * The app shows a translated message for each.
 */
export const CLOSE_UPDATE_REFUSED = 4422;
/** The update, or the document it would make, is over its size cap. */
export const CLOSE_UPDATE_TOO_LARGE = 4413;
/**
 * The update would add a client ID to a document that already holds the most the server allows (rule 4 of
 * docs/sync.md). Final like the two above: the app shows the "refused" banner, not the "too large" one.
 */
export const CLOSE_TOO_MANY_CLIENTS = 4429;

/**
 * Close codes the server sends for reasons that are not in the update. 4401 and 4404 are final for the stock client
 * (4400–4499); 4009 is deliberately outside that range, so the client reconnects at once and the upgrade decides
 * its access anew.
 */
/** The session of this connection ended (sign-out, or the account was deactivated); only an API call can tell which. */
export const CLOSE_SESSION_ENDED = 4401;
/** The document was erased (an erased account, a deleted pair). */
export const CLOSE_DOCUMENT_ERASED = 4404;
/** Access to the document changed (its programme was archived, its pair ended): reconnect and ask again. */
export const CLOSE_ACCESS_CHANGED = 4009;

/** Largest update (sync step 2 or update message) the server stores; a week of offline typing is far below it. */
export const MAX_UPDATE_BYTES = 1024 * 1024;
/**
 * Largest mentorship document (its encoded state): years of a pair's notes and messages take a few hundred KB. It
 * stays below `MAX_SYNC_MESSAGE_BYTES`, so a device can always send the whole document back in one message.
 */
export const MAX_MENTORSHIP_DOC_BYTES = 4 * 1024 * 1024;
/** Largest profile document: a questionnaire of short answers. */
export const MAX_PROFILE_DOC_BYTES = 128 * 1024;
