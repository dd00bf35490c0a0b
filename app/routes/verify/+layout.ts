// Public pages: rendered on the server for search engines, link previews and readers without JavaScript, then
// hydrated. Their loads must not touch IndexedDB on the server (they read the catalogue from the API).
export const ssr = true;
