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
