/** Where a goal stands; the order is the one the goals page shows. */
export const GOAL_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
