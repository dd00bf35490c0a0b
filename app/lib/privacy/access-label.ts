import { m } from '$lib/paraglide/messages.js';

/** What an access-log entry says was looked at, in the reader's language (the server's key when it is a new kind). */
export function accessLabel(what: string): string {
  const labels: Record<string, () => string> = {
    profile: m.privacy_access_profile,
    participants: m.privacy_access_participants,
    'user-list': m.privacy_access_user_list,
    export: m.privacy_access_export,
    feedback: m.privacy_access_feedback
  };
  return labels[what]?.() ?? what;
}
