import { loadMyFeedback } from '$lib/closing/closing.service';
import type { PageLoad } from './$types';

/** The member's own closing feedback of the pair (never the other member's) and the programme's questions. */
export const load: PageLoad = async ({ params, fetch }) => {
  return { feedback: loadMyFeedback(params.id, fetch) };
};
