export * from './errors.ts';
export * from './schema.ts';
export { fastParseCohort, parseCohort } from './parse.ts';
export * from './match.ts';
export * from './explain.ts';
export * from './stability.ts';
export { CRITERIA, type Criterion } from './pair-score.ts';
export { RULE_NAMES, type RuleName } from './model.ts';
