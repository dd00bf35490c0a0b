/**
 * `$app/environment` for the `runes` test project, which compiles Svelte without SvelteKit's plugin: the state
 * classes under test run as they do in the browser (SvelteKit sets these constants at build time).
 */
export const browser = true;
export const dev = false;
export const building = false;
export const version = 'test';
