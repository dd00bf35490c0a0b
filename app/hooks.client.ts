import { getLocale, overwriteGetLocale, overwriteSetLocale, setLocale } from '$lib/paraglide/runtime.js';
import { rememberLocale } from '$lib/locale-memo';

// The browser's language is worked out once per page load, not once per message (locale-memo.ts). Named imports, not
// the runtime as a namespace object: that kept all of Paraglide's runtime in every page (+2.4 kB gzip).
rememberLocale({ getLocale, setLocale, overwriteGetLocale, overwriteSetLocale });
