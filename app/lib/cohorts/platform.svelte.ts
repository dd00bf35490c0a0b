import { browser } from '$app/environment';
import { m } from '$lib/paraglide/messages.js';
import { PlatformInfoSchema, type PlatformInfo } from '@mop/shared';
import { apiRequest } from '$lib/services/api';
import { renderedPlatformName } from './rendered-platform-name';

/** Where the platform's name is kept, so an offline start shows it too. */
const NAME_KEY = 'mop.platform-name';

function storedName(): string | null {
  if (!browser) return null;
  try {
    return localStorage.getItem(NAME_KEY);
  } catch {
    return null;
  }
}

/** What the server-rendered page was told (`hooks.server.ts`): whether the server holds demo data, and the name. */
let serverInfo: Pick<PlatformInfo, 'demo' | 'name'> | null = null;

/** Set by the server hook for the pages it renders (the same for every request of this server). */
export function setServerPlatform(info: Pick<PlatformInfo, 'demo' | 'name'> | null): void {
  serverInfo = info;
}

/** The name this page starts with in the browser: the one it was rendered with, else the last one known here. */
function nameAtStart(): string | null {
  return (browser ? renderedPlatformName(document) : null) ?? storedName();
}

/** What the page was rendered with: `<html data-demo>` in the browser (written by the server hook). */
function demoAtStart(): boolean {
  return browser ? document.documentElement.dataset.demo === '1' : (serverInfo?.demo ?? false);
}

/** What the server says about the platform (name, demo data); null until known, and while offline. */
class PlatformState {
  info = $state<PlatformInfo | null>(null);
  #lastName = $state<string | null>(nameAtStart());

  /**
   * The name the admin chose at setup, for the header and every page title: on a page the server renders, the one it
   * holds; in the browser the one the page was rendered with, else the last one known on this device (offline), and
   * the app's own name until the platform was named.
   */
  get name(): string {
    return this.info?.name ?? this.#lastName ?? (browser ? null : serverInfo?.name) ?? m.app_name();
  }

  /**
   * Whether this server holds demo data (for the banner): the server's answer, and until it arrives what the page was
   * rendered with, so that a server-rendered page has the banner from its first paint and nothing moves down.
   */
  get demo(): boolean {
    return this.info?.demo ?? demoAtStart();
  }

  /**
   * Asks the server: once per visit, and after anything that changes what it says (setup, a rename); offline, the
   * banner simply waits for the next visit.
   */
  async refresh(): Promise<void> {
    try {
      this.show(await apiRequest('/api/platform', PlatformInfoSchema));
    } catch {
      // Not knowing whether this is a demo must not break any page.
    }
  }

  /** Shows what the server answered (`GET /api/platform`, or an admin's rename) and keeps the name on this device. */
  show(info: PlatformInfo): void {
    this.info = info;
    this.#lastName = info.name;
    try {
      localStorage.setItem(NAME_KEY, info.name);
    } catch {
      // Private browsing without storage: the name is fetched again next time.
    }
  }
}

export const platform = new PlatformState();
