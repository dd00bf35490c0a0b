import * as runtime from '$lib/paraglide/runtime.js';
import { rememberLocale } from '$lib/locale-memo';

// The browser's language is worked out once per page load, not once per message (locale-memo.ts).
rememberLocale(runtime);
