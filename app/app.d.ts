// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      code?: string;
    }
    /** What the Hono server hands to SvelteKit when it renders a public page (sync-server/src/pages). */
    interface Platform {
      /** Answers an `/api/…` request in this process, without a network round trip. */
      apiFetch(request: Request): Promise<Response>;
      /** The public origin (MOP_PUBLIC_URL or the request's), for canonical URLs and link previews. */
      publicOrigin: string;
      /** Whether the admin allows images from other sites in resources (`MOP_REMOTE_IMAGES`; docs/security.md). */
      remoteImages: boolean;
    }
  }
}

export {};
