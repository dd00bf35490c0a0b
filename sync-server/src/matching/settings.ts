import type { MatchingSettings, MatchingSettingsUpdate } from '@mop/shared';
import type { MatchingStore } from './store.ts';

/** A programme's settings before a coordinator changes them: the engine's defaults, optimal mode, no self-matching. */
const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  weights: { sectors: 20, skills: 40, goals: 25, languages: 5, timeZone: 10, availability: 15, preference: 20 },
  rules: { sharedLanguage: true, maxTimeZoneGapHours: null, minOverlapMinutes: 0, differentOrganisation: false },
  availabilityTargetMinutes: 240,
  mode: 'optimal',
  maximizeMatched: false,
  selfMatching: false,
  updatedAt: null
};

/** The programme's settings, stored or default (stored ones are completed with defaults added since). */
export function programmeSettings(store: MatchingStore, programmeId: string): MatchingSettings {
  const stored = store.getSettings(programmeId);
  if (!stored) return structuredClone(DEFAULT_MATCHING_SETTINGS);
  return {
    ...DEFAULT_MATCHING_SETTINGS,
    ...stored,
    weights: { ...DEFAULT_MATCHING_SETTINGS.weights, ...stored.weights },
    rules: { ...DEFAULT_MATCHING_SETTINGS.rules, ...stored.rules }
  };
}

/** Applies an update (weights and rules merged key by key), stores and returns the new settings. */
export function updateProgrammeSettings(
  store: MatchingStore,
  programmeId: string,
  update: MatchingSettingsUpdate,
  now = new Date()
): MatchingSettings {
  const current = programmeSettings(store, programmeId);
  const defined = <T extends object>(value: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  const next: MatchingSettings = {
    ...current,
    ...defined({ ...update, weights: undefined, rules: undefined }),
    weights: { ...current.weights, ...defined(update.weights) },
    rules: { ...current.rules, ...defined(update.rules) },
    updatedAt: now.toISOString()
  };
  store.saveSettings(programmeId, next);
  return next;
}
