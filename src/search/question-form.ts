// What kind of question it is, from its first words. Ledelsesbot gives advice on how to act;
// a question after a fact ("Hvornår er budgetmødet?", "Hvor mange feriedage har jeg?") is
// rarely answered by the groups' statements even when it shares a word with them, so it must
// be covered more fully before an answer is shown. A question asking how to act may be
// answered on somewhat less.

import { DIRECTION_AUDIENCE, LEADING_DIRECTIONS, type LeadingDirection } from '../knowledge/directions.ts';
import { normalizeText } from './normalize.ts';

/**
 * JavaScript's \b only knows ASCII letters, so "må\b" never matches. The patterns run on
 * `plain` text — letters, digits, apostrophes and single spaces — so `danish` rewrites \b
 * into "a space, an apostrophe or the text's edge on one side, a word character on the
 * other". No Unicode property classes: those cost ~30 ms to compile at every process start.
 */
const WORD = "[^\\s']";
const BOUNDARY = `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;
function danish(patterns: RegExp[]): RegExp[] {
  return patterns.map((re) => new RegExp(re.source.replaceAll('\\b', BOUNDARY), 'u'));
}

export type QuestionForm = 'advice' | 'fact' | 'social' | 'neutral';

const FACT = danish([
  /^hvor (mange|meget (koster|er)|stor[te]?|lang tid (tager|varer)|langt)\b/,
  /^hvad (koster|hedder|er (prisen|adressen|nummeret|telefonnummeret|reglerne|fristen|datoen|beløbet))\b/,
  /^hvornår (er|bliver|har|kommer|starter|åbner|lukker|slutter|holder|udbetales|bliver)\b(?! det (rigtige|bedste|tid))/,
  /^hvor (finder (jeg|man)|(får|kan) (jeg|man) (finde|fat i|se|hente))\b/,
  /^hvem (er|var|vandt|bestemmer over|har ansvaret for [a-zæøå]+ (it|løn)|skal jeg (kontakte|ringe))\b/,
  /^(kan|må) jeg (få|låne|booke|bestille|tilmelde)\b/,
]);

/** Thanks, greetings and wishes: chat, never a question, however many words it shares. */
const SOCIAL = danish([
  /^(tak|mange tak|tusind tak|tak skal i have|tillykke|velkommen|god weekend|god ferie|godt nytår|glædelig jul|god jul|godmorgen|godnat|vi ses|ses)\b/,
  /^(hej|hejsa|hallo|goddag|dav)( med dig| alle| allesammen| alle sammen| bot| ledelsesbot)?[\s!.]*$/,
  /^(hej|hejsa|hallo|goddag|dav)\b.{0,30}\bhvordan (går|har) (det|du)\b/,
]);

const ADVICE = danish([
  /^(hvordan|hvad) (skal|kan|bør|må|gør|gøre|siger|sige|mener|synes|tænker|anbefaler)\b/,
  /^(skal|bør|må|kan) (jeg|vi|man)\b/,
  /^er det (ok|okay|i orden|en god ide|en god idé|klogt|rigtigt|forkert)\b/,
  /^hvordan (håndterer|griber|får|undgår|sikrer|skaber|taler|fortæller|forklarer|støtter|kommer|bliver|bruger|giver|tackler|reagerer|melder|holder)\b/,
  /^hvad (gør|mente|mener|siger|sagde|synes|ønsker) (jeg|vi|man|grupperne|lederne)\b/,
]);

/** Lower case, no markup, punctuation as spaces (an apostrophe kept for "don't"). */
function plain(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}'\s]/gu, ' ').replace(/\s+/g, ' ').trim();
}

function formOf(t: string): QuestionForm {
  if (SOCIAL.some((re) => re.test(t))) return 'social';
  if (FACT.some((re) => re.test(t))) return 'fact';
  if (ADVICE.some((re) => re.test(t))) return 'advice';
  return 'neutral';
}


/**
 * The question asks what to avoid ("Hvad skal jeg undgå …", "Hvad må jeg ikke sige …",
 * "faldgruber"): the groups' don'ts answer it better than their do's.
 */
const ASKS_FOR_DONTS = danish([
  /\bundgå\b/,
  /\b(må|skal|bør) (jeg|vi|man) (ikke|aldrig)\b/,
  /\b(hvad|hvilke|hvilken) [a-zæøå ]{0,30}\b(ikke|aldrig) (gøre|sige|gør)\b/,
  /\b(faldgrube|faldgruber|fælde|fælder|fejl|bommert|bommerter|don'?ts?)\b/,
  /\bpasse på (med|ikke)\b/,
]);


const AUDIENCE = LEADING_DIRECTIONS.map((d) => ({
  direction: d,
  pattern: new RegExp(`(?<!${WORD})(?:${DIRECTION_AUDIENCE[d].join('|')})`, 'u'),
}));

/** The one direction whose people the question names ("mine medarbejdere" → nedad), if only one. */
function audienceIn(t: string): LeadingDirection | undefined {
  const found = AUDIENCE.filter((a) => a.pattern.test(t));
  return found.length === 1 ? found[0]!.direction : undefined;
}

export interface QuestionReading {
  form: QuestionForm;
  /** Asks what to avoid: prefer don'ts. */
  donts: boolean;
  /** Names only this direction's people: prefer its statements. */
  direction: LeadingDirection | undefined;
}

/** All that the search reads from a question's wording, from one normalisation of it. */
export function readQuestion(text: string): QuestionReading {
  const t = plain(text);
  return { form: formOf(t), donts: ASKS_FOR_DONTS.some((re) => re.test(t)), direction: audienceIn(t) };
}
