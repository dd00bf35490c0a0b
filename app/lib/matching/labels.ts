import {
  CCI_SECTORS,
  MATCHING_GOALS,
  MATCHING_LANGUAGES,
  MATCHING_SKILLS,
  type MatchExplanation,
  type MatchingCriterion,
  type MatchingMode,
  type MatchingProfile,
  type UnmatchedPerson,
  vocabularyLabel
} from '@mop/shared';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RankedEntry } from './mentor-ranking';
import { displayNames } from '$lib/intl';

/**
 * Words for the matching screens. Vocabulary labels come from the shared, English vocabulary (ids are stable, so
 * a translation can key on them later); everything else is a Paraglide message.
 */

/** A matching mode's name in the reader's language (runs list, run page, settings). */
export const MODE_LABELS: Record<MatchingMode, () => string> = {
  optimal: m.match_mode_optimal,
  stable: m.match_mode_stable,
  greedy: m.match_mode_greedy
};

export const sectorLabel = (id: string) => vocabularyLabel(CCI_SECTORS, id);
export const skillLabel = (id: string) => vocabularyLabel(MATCHING_SKILLS, id);
export const goalLabel = (id: string) => vocabularyLabel(MATCHING_GOALS, id);
/** A language's name in the reader's language (Intl, as the e-mails do), the vocabulary's English one as a fallback. */
export function languageLabel(id: string): string {
  try {
    return displayNames(getLocale(), 'language').of(id) ?? vocabularyLabel(MATCHING_LANGUAGES, id);
  } catch {
    return vocabularyLabel(MATCHING_LANGUAGES, id);
  }
}

/** A programme role in the reader's language. */
export function programmeRoleLabel(role: 'admin' | 'coordinator' | 'mentor' | 'mentee'): string {
  return {
    admin: m.match_role_admin,
    coordinator: m.match_role_coordinator,
    mentor: m.match_role_mentor,
    mentee: m.match_role_mentee
  }[role]();
}

export function listLabels(ids: readonly string[], label: (id: string) => string): string {
  return ids.map(label).join(', ');
}

const CRITERIA: Record<MatchingCriterion, () => string> = {
  sectors: m.match_criterion_sectors,
  skills: m.match_criterion_skills,
  goals: m.match_criterion_goals,
  languages: m.match_criterion_languages,
  timeZone: m.match_criterion_time_zone,
  availability: m.match_criterion_availability,
  preference: m.match_criterion_preference
};

export function criterionLabel(criterion: string): string {
  return criterion in CRITERIA ? CRITERIA[criterion as MatchingCriterion]() : criterion;
}

const RULES: Record<string, () => string> = {
  sharedLanguage: m.match_rule_shared_language,
  maxTimeZoneGap: m.match_rule_max_time_zone_gap,
  minOverlap: m.match_rule_min_overlap,
  differentOrganisation: m.match_rule_different_organisation,
  notForbidden: m.match_rule_not_forbidden,
  notPastPair: m.match_rule_not_past_pair,
  mentorHasCapacity: m.match_rule_mentor_has_capacity
};

export function ruleLabel(rule: string): string {
  return RULES[rule]?.() ?? rule;
}

const REASONS: Record<string, () => string> = {
  'no-eligible-mentor': m.match_reason_no_eligible_mentor,
  'capacity-exhausted': m.match_reason_capacity_exhausted,
  'no-eligible-mentee': m.match_reason_no_eligible_mentee,
  'eligible-mentees-all-matched': m.match_reason_eligible_mentees_all_matched,
  'profile-incomplete': m.match_reason_profile_incomplete,
  'already-matched': m.match_reason_already_matched,
  'no-free-capacity': m.match_reason_no_free_capacity
};

/** One readable sentence on why someone was left out of a run, with the rules that excluded their options. */
export function unmatchedReason(person: UnmatchedPerson): string {
  const base = REASONS[person.reason]?.() ?? person.reason;
  const excluded = Object.entries(person.excludedBy ?? {}).filter(([, count]) => count > 0);
  if (excluded.length === 0) return base;
  const details = excluded
    .map(([rule, count]) => m.match_reason_excluded_by({ rule: ruleLabel(rule), count }))
    .join('; ');
  return `${base} (${details})`;
}

const FIELDS: Partial<Record<keyof MatchingProfile, () => string>> = {
  displayName: m.match_field_display_name,
  sectors: m.match_field_sectors,
  languages: m.match_field_languages,
  country: m.match_field_country,
  timeZone: m.match_field_time_zone,
  availability: m.match_field_availability,
  skillsOffered: m.match_field_skills_offered,
  skillsWanted: m.match_field_skills_wanted,
  goals: m.match_field_goals,
  capacity: m.match_field_capacity
};

export function fieldLabel(field: string): string {
  return FIELDS[field as keyof MatchingProfile]?.() ?? field;
}

export const DAY_LABELS: readonly (() => string)[] = [
  m.match_day_mon,
  m.match_day_tue,
  m.match_day_wed,
  m.match_day_thu,
  m.match_day_fri,
  m.match_day_sat,
  m.match_day_sun
];

/** Minutes as "3 h 30 min" (or "45 min"). */
function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const min = Math.round(minutes % 60);
  if (h === 0) return m.match_minutes({ minutes: min });
  return min === 0 ? m.match_hours({ hours: h }) : m.match_hours_minutes({ hours: h, minutes: min });
}

/** Points with at most one decimal. */
export function formatPoints(points: number): string {
  return (Math.round(points * 10) / 10).toString();
}

type MatchFacts = Pick<
  MatchExplanation,
  | 'sharedSectors'
  | 'matchedSkills'
  | 'sharedGoals'
  | 'sharedLanguages'
  | 'timeZoneGapHours'
  | 'overlapMinutesPerWeek'
  | 'menteeRank'
>;

/** "Why you were matched" as a list of plain sentences, from what the two profiles had in common. */
export function explanationSentences(facts: MatchFacts): string[] {
  const sentences: string[] = [];
  if (facts.sharedSectors.length > 0)
    sentences.push(m.match_why_sectors({ list: listLabels(facts.sharedSectors, sectorLabel) }));
  if (facts.matchedSkills.length > 0)
    sentences.push(m.match_why_skills({ list: listLabels(facts.matchedSkills, skillLabel) }));
  if (facts.sharedGoals.length > 0)
    sentences.push(m.match_why_goals({ list: listLabels(facts.sharedGoals, goalLabel) }));
  if (facts.sharedLanguages.length > 0)
    sentences.push(m.match_why_languages({ list: listLabels(facts.sharedLanguages, languageLabel) }));
  sentences.push(
    facts.timeZoneGapHours === 0
      ? m.match_why_same_time_zone()
      : m.match_why_time_zone_gap({ hours: formatPoints(facts.timeZoneGapHours) })
  );
  if (facts.overlapMinutesPerWeek > 0)
    sentences.push(m.match_why_overlap({ duration: formatMinutes(facts.overlapMinutesPerWeek) }));
  if (facts.menteeRank !== null) sentences.push(m.match_why_rank({ rank: facts.menteeRank }));
  return sentences;
}

/**
 * The name of a mentor in the mentee's ranking; by id when this device does not know them: "no longer listed" once
 * the mentor list was loaded, plainly by id when it never was (offline).
 */
export function rankedMentorName(entry: RankedEntry, listLoaded: boolean): string {
  if (entry.mentor) return entry.mentor.displayName;
  return listLoaded
    ? m.match_ranking_unknown_mentor({ id: entry.mentorId })
    : m.match_ranking_unnamed_mentor({ id: entry.mentorId });
}
