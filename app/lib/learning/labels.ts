import type { Audience, ResourceType } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';

const typeLabels: Record<ResourceType, () => string> = {
  guide: m.learn_type_guide,
  worksheet: m.learn_type_worksheet,
  'reflection-exercise': m.learn_type_reflection_exercise,
  'slide-deck': m.learn_type_slide_deck,
  'video-link': m.learn_type_video_link,
  page: m.learn_type_page
};

const audienceLabels: Record<Audience, () => string> = {
  mentor: m.learn_audience_mentor,
  mentee: m.learn_audience_mentee,
  facilitator: m.learn_audience_facilitator
};

/** The UI name of a resource type; unknown values (from a newer server) show as they are. */
export function typeLabel(type: string): string {
  return (typeLabels as Record<string, (() => string) | undefined>)[type]?.() ?? type;
}

export function audienceLabel(audience: string): string {
  return (audienceLabels as Record<string, (() => string) | undefined>)[audience]?.() ?? audience;
}
