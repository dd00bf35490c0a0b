/**
 * The MENTRA mentoring framework's phases and the steps a pair ticks off, as data. Phase ids are those of the
 * `mentra` collection in `packages/content/library/collections.json`; resource ids are those of the learning
 * repository (`packages/content/library/resources/**`), so the app can link each step to its tools.
 *
 * Step ids are stored in pairs' documents (`steps` map): never rename or reuse one; add new steps with new ids.
 */
export interface FrameworkStep {
  id: string;
  title: string;
  /** Learning-repository resource ids that help with this step. */
  resourceIds: readonly string[];
}

export interface FrameworkPhase {
  id: string;
  title: string;
  /** The repository's guide to the phase itself. */
  guideResourceId: string;
  steps: readonly FrameworkStep[];
}

export const MENTRA_FRAMEWORK_ID = 'mentra';

export const MENTRA_PHASES: readonly FrameworkPhase[] = [
  {
    id: 'building-the-relationship',
    title: 'Building the relationship',
    guideResourceId: 'phase-building-the-relationship',
    steps: [
      {
        id: 'brl-first-session',
        title: 'Hold the first session',
        resourceIds: ['first-session-checklist', 'preparing-for-a-session']
      },
      {
        id: 'brl-expectations',
        title: 'Talk about expectations on both sides',
        resourceIds: ['first-session-checklist']
      },
      {
        id: 'brl-agreement',
        title: 'Write the mentoring agreement together',
        resourceIds: ['mentoring-agreement-template']
      },
      { id: 'brl-confidentiality', title: 'Agree on confidentiality', resourceIds: ['mentoring-agreement-template'] },
      {
        id: 'brl-practical-frame',
        title: 'Agree how often and where you meet',
        resourceIds: ['mentoring-agreement-template', 'active-listening-guide']
      }
    ]
  },
  {
    id: 'setting-goals',
    title: 'Setting goals',
    guideResourceId: 'phase-setting-goals',
    steps: [
      { id: 'sg-current-situation', title: 'Map the current situation', resourceIds: ['mentee-self-reflection'] },
      { id: 'sg-choose-goals', title: 'Choose two or three SMART goals', resourceIds: ['goal-setting-worksheet'] },
      {
        id: 'sg-first-steps',
        title: 'Give each goal a first step with a date',
        resourceIds: ['goal-setting-worksheet', 'session-planning-template']
      },
      { id: 'sg-tracking', title: 'Agree how progress will be tracked', resourceIds: ['session-planning-template'] }
    ]
  },
  {
    id: 'working-on-progress',
    title: 'Working on progress',
    guideResourceId: 'phase-working-on-progress',
    steps: [
      {
        id: 'wp-regular-sessions',
        title: 'Meet regularly with a planned agenda',
        resourceIds: ['session-planning-template', 'preparing-for-a-session']
      },
      {
        id: 'wp-work-review',
        title: 'Review work together',
        resourceIds: ['portfolio-review-guide', 'feedback-guide']
      },
      { id: 'wp-feedback', title: 'Give and ask for feedback on sessions', resourceIds: ['feedback-guide'] },
      {
        id: 'wp-review-goals',
        title: 'Review and adjust the goals',
        resourceIds: ['goal-setting-worksheet', 'mentee-self-reflection']
      }
    ]
  },
  {
    id: 'closing-and-moving-on',
    title: 'Closing and moving on',
    guideResourceId: 'phase-closing-and-moving-on',
    steps: [
      {
        id: 'cm-look-back',
        title: 'Look back at the goals',
        resourceIds: ['goal-setting-worksheet', 'closing-reflection']
      },
      { id: 'cm-feedback-both-ways', title: 'Give feedback both ways', resourceIds: ['closing-reflection'] },
      {
        id: 'cm-next-stretch',
        title: 'Plan the next stretch without the mentor',
        resourceIds: ['mentee-self-reflection']
      },
      { id: 'cm-mark-the-end', title: 'Mark the end and agree what happens next', resourceIds: ['closing-reflection'] }
    ]
  }
];

/** Every step id of the framework, in order. */
export const MENTRA_STEP_IDS: readonly string[] = MENTRA_PHASES.flatMap((phase) => phase.steps.map((step) => step.id));

/** The phase a step belongs to, or null for an unknown step id. */
export function phaseOfStep(stepId: string): FrameworkPhase | null {
  return MENTRA_PHASES.find((phase) => phase.steps.some((step) => step.id === stepId)) ?? null;
}
