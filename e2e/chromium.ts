/** How MOP drives Chromium, for the e2e tests and the scripts that take screenshots (no test runner needed). */

/** Debian's Chromium, as installed by .ci/run; playwright's own browser downloads cannot work here. */
export const CHROMIUM_PATH = process.env.MOP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];
