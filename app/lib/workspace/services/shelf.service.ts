import { addPin, listPins, type Mentorship, type User } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { openDoc } from '$lib/services/docs.service';
import { listMyMentorships } from '$lib/services/mentorships.service';
import { isPinned, type ShelfResource } from '../shelf-resources';

/**
 * The pairs whose shelf the user can pin to: their active mentorships as mentor or mentee (from this device when
 * offline). Coordinators and admins are listed other people's pairs, whose documents are not theirs to write.
 */
export async function shelvesOf(user: User): Promise<Mentorship[]> {
  const { mentorships } = await listMyMentorships(user);
  return mentorships.filter(
    (pair) => pair.status === 'active' && (pair.mentor.id === user.id || pair.mentee.id === user.id)
  );
}

/**
 * Pins a learning resource, with its title, to a pair's shelf from anywhere in the app (the resource's page): a
 * change of the pair's Yjs document, stored on this device at once and synced when online, like every other pin.
 * A resource already on the shelf is not pinned twice.
 */
export async function pinResourceToShelf(
  user: User,
  pair: Mentorship,
  resource: ShelfResource
): Promise<'pinned' | 'already-pinned'> {
  const handle = openDoc(pair.docName);
  await handle.ready;
  if (!handle.formatSupported()) throw new Error(m.shelf_add_newer_version());
  if (isPinned(listPins(handle.doc), resource.id)) return 'already-pinned';
  addPin(
    handle.doc,
    { kind: 'resource', resourceId: resource.id },
    { pinnedBy: user.id, title: resource.title.trim().slice(0, 200) }
  );
  return 'pinned';
}
