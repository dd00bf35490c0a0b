import type { FrameworkPhase, FrameworkStep } from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';

/**
 * The MENTRA phases' and steps' names in the reader's language. The framework (`@mop/shared`) keeps its ids and English
 * titles as data, stored in pairs' documents by id; the words live with the app's other translations. A phase or step
 * added without words shows its English title (and `framework-labels.test.ts` fails).
 */
const PHASES: Readonly<Record<string, () => string>> = {
  'building-the-relationship': m.framework_phase_building_the_relationship,
  'setting-goals': m.framework_phase_setting_goals,
  'working-on-progress': m.framework_phase_working_on_progress,
  'closing-and-moving-on': m.framework_phase_closing_and_moving_on
};

const STEPS: Readonly<Record<string, () => string>> = {
  'brl-first-session': m.framework_step_brl_first_session,
  'brl-expectations': m.framework_step_brl_expectations,
  'brl-agreement': m.framework_step_brl_agreement,
  'brl-confidentiality': m.framework_step_brl_confidentiality,
  'brl-practical-frame': m.framework_step_brl_practical_frame,
  'sg-current-situation': m.framework_step_sg_current_situation,
  'sg-choose-goals': m.framework_step_sg_choose_goals,
  'sg-first-steps': m.framework_step_sg_first_steps,
  'sg-tracking': m.framework_step_sg_tracking,
  'wp-regular-sessions': m.framework_step_wp_regular_sessions,
  'wp-work-review': m.framework_step_wp_work_review,
  'wp-feedback': m.framework_step_wp_feedback,
  'wp-review-goals': m.framework_step_wp_review_goals,
  'cm-look-back': m.framework_step_cm_look_back,
  'cm-feedback-both-ways': m.framework_step_cm_feedback_both_ways,
  'cm-next-stretch': m.framework_step_cm_next_stretch,
  'cm-mark-the-end': m.framework_step_cm_mark_the_end
};

export const phaseTitle = (phase: Pick<FrameworkPhase, 'id' | 'title'>): string => PHASES[phase.id]?.() ?? phase.title;
export const stepTitle = (step: Pick<FrameworkStep, 'id' | 'title'>): string => STEPS[step.id]?.() ?? step.title;

/** For the test: which ids have words. */
export const TRANSLATED = { phases: Object.keys(PHASES), steps: Object.keys(STEPS) };
