// The one place where directions, kinds and their Danish names and aliases live.

export const DIRECTIONS = ['opad', 'nedad', 'til siden', 'udad', 'general'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The four directions a leader can ask for with `/ledelse <retning>`. */
export const LEADING_DIRECTIONS = ['opad', 'nedad', 'til siden', 'udad'] as const satisfies readonly Direction[];
export type LeadingDirection = (typeof LEADING_DIRECTIONS)[number];

export const KINDS = ['do', 'dont', 'remark', 'wish', 'meeting'] as const;
export type Kind = (typeof KINDS)[number];

export const DIRECTION_LABEL: Record<Direction, string> = {
  opad: 'Ledelse opad',
  nedad: 'Ledelse nedad',
  'til siden': 'Ledelse til siden',
  udad: 'Ledelse udad',
  general: 'Generelle bemærkninger',
};

/** Short Danish form used inside sentences: "ledelse opad", "Bungays model og budgetprocessen". */
export const DIRECTION_SHORT: Record<Direction, string> = {
  opad: 'opad',
  nedad: 'nedad',
  'til siden': 'til siden',
  udad: 'udad',
  general: 'Bungays model og budgetprocessen',
};

export const DIRECTION_DESCRIPTION: Record<LeadingDirection, string> = {
  opad: 'over for chefer, direktion og politikere',
  nedad: 'over for dine medarbejdere',
  'til siden': 'sammen med lederkolleger og andre afdelinger',
  udad: 'over for borgere, pårørende, bestyrelser og samarbejdspartnere',
};

/**
 * Word beginnings that name the people a direction is about, as leaders write them. A
 * question that names only one direction's people leans towards that direction's statements.
 */
export const DIRECTION_AUDIENCE: Record<LeadingDirection, readonly string[]> = {
  opad: ['chef', 'direktør', 'direktion', 'politiker', 'byråd', 'borgmester', 'topledelse', 'overordnede', 'kommunalbestyrelse', 'fagudvalg', 'økonomiudvalg'],
  nedad: ['medarbejder', 'personale', 'ansatte', 'mine folk', 'mit team', 'teamet', 'personalegruppe', 'tillidsrepræsentant', 'mine ansatte'],
  'til siden': ['lederkolleg', 'kolleg', 'andre afdeling', 'anden afdeling', 'andre ledere', 'andre områder', 'naboafdeling', 'andre fagområder', 'andre centre'],
  udad: ['borger', 'forældre', 'pårørende', 'bestyrelse', 'presse', 'journalist', 'medier', 'samarbejdspartner', 'offentlighed', 'lokalsamfund', 'brugerne'],
};

export const KIND_LABEL: Record<Kind, string> = {
  do: 'Gør',
  dont: 'Undgå',
  remark: 'Bemærkning',
  wish: 'Ønske',
  meeting: 'Om mødet',
};

/**
 * Words people use for each direction, already folded (lowercase, no accents).
 * Matching is done on folded text, see `foldForMatching`.
 */
export const DIRECTION_ALIASES: Record<Direction, readonly string[]> = {
  opad: ['opad', 'op', 'opadtil', 'opaf', 'upward', 'up'],
  nedad: ['nedad', 'ned', 'nedadtil', 'downward', 'down'],
  'til siden': ['til siden', 'siden', 'sidevaerts', 'sidelaens', 'sideordnet', 'til side', 'sideways', 'tilsiden'],
  udad: ['udad', 'ud', 'udadtil', 'outward', 'out'],
  general: ['bungay', 'bungays', 'brief', 'backbrief', 'budgetproces', 'budgetprocessen', 'generelt', 'general'],
};

export const KIND_ALIASES: Partial<Record<Kind, readonly string[]>> = {
  do: ['gor', 'goer', 'do', 'dos', 'skal', 'gode'],
  dont: ['undga', 'undgaa', 'dont', 'donts', 'ikke', 'lad vaere'],
};

/** Lowercase, strip accents and fold æ/ø/å to ASCII for forgiving command matching. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/[´'’`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
