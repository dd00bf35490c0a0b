import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
  const { handle, mentorship, user } = await parent();
  return { handle, mentorship, user, noteId: params.noteId };
};
