// Where a backbrief may have missed the intent: a simple comparison a leader can check by eye,
// made with the search core's Danish analysis (the same stems, compound parts and lexicon
// concepts the search uses). A content word of the intent counts as mentioned when the backbrief
// has it in any inflection, as a compound part, or through a word of the same lexicon concept
// ("besparelser" ~ "nedskæringer"). What is left is named — never scored, never hidden.

import type { DanishAnalyzer } from '../search/analyzer.ts';
import { normalizeText, tokenize } from '../search/normalize.ts';
import { NEGATIONS } from '../search/stopwords.ts';
import type { Backbrief } from './model.ts';

/** Most words named in one note: a short list is read, a long one is not. */
export const MAX_NAMED_WORDS = 5;
/** Most questions quoted from one backbrief. */
const MAX_QUESTIONS = 2;
const MAX_QUOTE = 200;

export type GapAnalyzer = Pick<DanishAnalyzer, 'words'>;

export interface Gaps {
  /** Content words of the intent the backbrief does not mention, in the intent's order. */
  missing: string[];
  /** Questions the backbrief asks, quoted. */
  questions: string[];
}

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= MAX_QUOTE ? t : `${t.slice(0, MAX_QUOTE - 1).trimEnd()}…`;
}

export function findGaps(intent: string, backbrief: Pick<Backbrief, 'understood' | 'plan' | 'needs'>, analyzer: GapAnalyzer): Gaps {
  const answer = [backbrief.understood, backbrief.plan, backbrief.needs].join('\n');
  const stems = new Set<string>();
  const concepts = new Set<string>();
  for (const w of analyzer.words(answer)) {
    if (w.stem) stems.add(w.stem);
    if (w.baseStem) stems.add(w.baseStem);
    for (const p of w.parts) stems.add(p);
    for (const c of [...w.concepts, ...w.partConcepts]) concepts.add(c);
  }

  const missing: string[] = [];
  const seen = new Set<string>();
  for (const token of tokenize(normalizeText(intent))) {
    if (token.word.length < 3 || /^\d+$/.test(token.word) || NEGATIONS.includes(token.word)) continue;
    const [w] = analyzer.words(token.word);
    // Stop words and low-information words ("god", "sikre") carry no intent of their own.
    if (!w || !w.stem || w.weight < 1 || seen.has(w.stem)) continue;
    seen.add(w.stem);
    const forms = [w.stem, ...(w.baseStem ? [w.baseStem] : []), ...w.parts];
    const mentioned = forms.some((f) => stems.has(f)) || [...w.concepts, ...w.partConcepts].some((c) => concepts.has(c));
    if (!mentioned) missing.push(token.word);
  }

  const questions = (answer.match(/[^.!?\n]*\?/g) ?? [])
    .map((q) => q.trim())
    .filter((q) => q.length > 1)
    .slice(0, MAX_QUESTIONS)
    .map(quote);
  return { missing, questions };
}

/** »a«, »b« og »c« */
function list(words: readonly string[]): string {
  const q = words.map((w) => `»${w}«`);
  return q.length === 1 ? q[0]! : `${q.slice(0, -1).join(', ')} og ${q.at(-1)}`;
}

/** The gentle notes for the author, in Danish; empty when there is nothing to point out. */
export function gapNotes(gaps: Gaps): string[] {
  const notes: string[] = [];
  if (gaps.missing.length) {
    const named = gaps.missing.slice(0, MAX_NAMED_WORDS);
    const more = gaps.missing.length - named.length;
    notes.push(
      `Backbriefet nævner ikke ${list(named)} fra hensigten${more > 0 ? ` (og ${more} ord mere)` : ''} — heller ikke bøjet anderledes eller med et ord, der betyder det samme. Måske er det forstået alligevel; det kan være værd at spørge.`,
    );
  }
  for (const q of gaps.questions) notes.push(`Backbriefet stiller et spørgsmål: »${q}«`);
  return notes;
}
