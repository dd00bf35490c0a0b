/**
 * The controlled vocabularies of the matching questionnaire, shared by the app (the choices offered), the server
 * (validation, the demo seed) and the matching engine (tags are compared as plain strings, so both sides of a pair
 * must use the same ids). Ids are stable: rename a label freely, never an id, or existing profiles stop matching.
 * Labels are English; the app translates them by id.
 */

/** One choice of a vocabulary: a stable id and an English label. */
export interface VocabularyItem {
  readonly id: string;
  readonly label: string;
}

/** Sectors of the Cultural and Creative Industries (after the EU's CCI sector list). */
export const CCI_SECTORS = [
  { id: 'architecture', label: 'Architecture' },
  { id: 'archives-libraries', label: 'Archives and libraries' },
  { id: 'crafts', label: 'Artistic crafts' },
  { id: 'audiovisual', label: 'Film, TV and audiovisual' },
  { id: 'cultural-heritage', label: 'Cultural heritage and museums' },
  { id: 'design', label: 'Design (graphic, product, interior)' },
  { id: 'fashion', label: 'Fashion and textiles' },
  { id: 'festivals', label: 'Festivals and events' },
  { id: 'games', label: 'Video games and interactive media' },
  { id: 'literature-publishing', label: 'Books, literature and publishing' },
  { id: 'music', label: 'Music' },
  { id: 'performing-arts', label: 'Performing arts (theatre, dance, circus)' },
  { id: 'visual-arts', label: 'Visual arts and photography' },
  { id: 'radio-podcasts', label: 'Radio and podcasts' },
  { id: 'advertising', label: 'Advertising and communication' }
] as const satisfies readonly VocabularyItem[];

/** Skills a mentor offers and a mentee wants (the same list on both sides, so they can meet). */
export const MATCHING_SKILLS = [
  { id: 'fundraising', label: 'Fundraising and grant writing' },
  { id: 'eu-funding', label: 'EU funding (Creative Europe, Erasmus+)' },
  { id: 'business-planning', label: 'Business planning' },
  { id: 'pricing', label: 'Pricing and negotiating fees' },
  { id: 'marketing', label: 'Marketing and audience development' },
  { id: 'social-media', label: 'Social media' },
  { id: 'branding', label: 'Personal branding and portfolio' },
  { id: 'project-management', label: 'Project management' },
  { id: 'ip-copyright', label: 'Copyright and intellectual property' },
  { id: 'contracts', label: 'Contracts and legal basics' },
  { id: 'digital-tools', label: 'Digital tools and workflows' },
  { id: 'pitching', label: 'Pitching and presenting' },
  { id: 'networking', label: 'Networking and partnerships' },
  { id: 'international-touring', label: 'International touring and mobility' },
  { id: 'curation', label: 'Curation and programming' },
  { id: 'production', label: 'Production' },
  { id: 'team-leadership', label: 'Leading a team' },
  { id: 'accessibility', label: 'Accessibility and inclusion' },
  { id: 'sustainability', label: 'Environmental sustainability' },
  { id: 'finance', label: 'Finance and bookkeeping' }
] as const satisfies readonly VocabularyItem[];

/** What a mentee wants from the mentorship (a mentor ticks the goals they can help with). */
export const MATCHING_GOALS = [
  { id: 'start-business', label: 'Start my own business or studio' },
  { id: 'grow-business', label: 'Grow an existing business' },
  { id: 'go-international', label: 'Work internationally' },
  { id: 'career-change', label: 'Change career or sector' },
  { id: 'first-funding', label: 'Win my first grant or funding' },
  { id: 'build-portfolio', label: 'Build a professional portfolio' },
  { id: 'find-audience', label: 'Find my audience' },
  { id: 'work-life-balance', label: 'Sustainable work–life balance' },
  { id: 'leadership', label: 'Grow as a leader' },
  { id: 'digital-transition', label: 'Take my practice digital' }
] as const satisfies readonly VocabularyItem[];

/** Languages a mentorship can be held in (ISO 639-1 codes). */
export const MATCHING_LANGUAGES = [
  { id: 'en', label: 'English' },
  { id: 'fr', label: 'French' },
  { id: 'de', label: 'German' },
  { id: 'it', label: 'Italian' },
  { id: 'es', label: 'Spanish' },
  { id: 'pt', label: 'Portuguese' },
  { id: 'nl', label: 'Dutch' },
  { id: 'pl', label: 'Polish' },
  { id: 'el', label: 'Greek' },
  { id: 'ro', label: 'Romanian' },
  { id: 'cs', label: 'Czech' },
  { id: 'sv', label: 'Swedish' },
  { id: 'fi', label: 'Finnish' },
  { id: 'hu', label: 'Hungarian' },
  { id: 'hr', label: 'Croatian' },
  { id: 'sl', label: 'Slovenian' },
  { id: 'ga', label: 'Irish' },
  { id: 'ar', label: 'Arabic' },
  { id: 'tr', label: 'Turkish' },
  { id: 'uk', label: 'Ukrainian' }
] as const satisfies readonly VocabularyItem[];

export type SectorId = (typeof CCI_SECTORS)[number]['id'];
export type SkillId = (typeof MATCHING_SKILLS)[number]['id'];
export type GoalId = (typeof MATCHING_GOALS)[number]['id'];
export type LanguageId = (typeof MATCHING_LANGUAGES)[number]['id'];

/** The label of an id in a vocabulary (the id itself for one the vocabulary does not know, e.g. a retired one). */
export function vocabularyLabel(items: readonly VocabularyItem[], id: string): string {
  return items.find((item) => item.id === id)?.label ?? id;
}

/** The ids of a vocabulary, for validation and pickers. */
export function vocabularyIds(items: readonly VocabularyItem[]): string[] {
  return items.map((item) => item.id);
}
