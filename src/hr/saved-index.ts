// Finding HR's saved answers: a small second index searched beside the statements. Each answer
// is found by the wording HR chose ("Sådan spørger ledere om det"), analysed with the same
// Danish chain as the statements (stems, base forms, compound parts, lexicon concepts). A
// question matches when it and the wording cover each other: most of the question's weight is
// in the wording, and most of the wording's weight is in the question. Words weigh their idf in
// the statements, so a word the statements lack ("adgangskode") weighs most — which is what
// lets HR bring a question the statements called off-topic into scope.

import type { QueryWord } from '../search/analyzer.ts';
import type { KnowledgeIndex } from '../search/knowledge-index.ts';
import { readQuestion } from '../search/question-form.ts';
import type { SavedAnswer } from './model.ts';

/** How well question and wording must cover each other (the harmonic mean of both coverages)… */
export const MATCH_SCORE = 0.65;
/** …and the least either coverage may be. */
export const MIN_EACH_WAY = 0.6;
/** Credit for a word met only as a base form, a compound part or a lexicon concept. */
const BASE_CREDIT = 0.8;
const PART_CREDIT = 0.5;
const CONCEPT_CREDIT = 0.6;

interface IndexedAnswer {
  answer: SavedAnswer;
  words: QueryWord[];
  forms: Forms;
}

/** The forms a text's words appear in, for crediting the other text's words. */
interface Forms {
  stems: Set<string>;
  bases: Set<string>;
  parts: Set<string>;
  concepts: Set<string>;
}

function formsOf(words: readonly QueryWord[]): Forms {
  const forms: Forms = { stems: new Set(), bases: new Set(), parts: new Set(), concepts: new Set() };
  for (const w of words) {
    if (w.stem) forms.stems.add(w.stem);
    if (w.baseStem) forms.bases.add(w.baseStem);
    for (const p of w.parts) forms.parts.add(p);
    for (const c of w.concepts) forms.concepts.add(c);
  }
  return forms;
}

export interface SavedMatch {
  answer: SavedAnswer;
  score: number;
}

export class SavedAnswerIndex {
  private built: { index: KnowledgeIndex; version: number; answers: IndexedAnswer[] } | undefined;

  /** Rebuilds when the answers or the knowledge (its analyzer) changed. */
  update(index: KnowledgeIndex, version: number, answers: readonly SavedAnswer[]): void {
    if (this.built && this.built.index === index && this.built.version === version) return;
    const analyzer = index.engine.analyzer;
    this.built = {
      index,
      version,
      answers: answers.map((answer) => {
        const words = analyzer.words(answer.wording, true).filter((w) => w.stem && w.weight > 0);
        return { answer, words, forms: formsOf(words) };
      }),
    };
  }

  get size(): number {
    return this.built?.answers.length ?? 0;
  }

  has(id: string): boolean {
    return this.built?.answers.some((a) => a.answer.id === id) ?? false;
  }

  /** The saved answers that answer `question`, best first. Chat ("tak", "hej") never matches. */
  match(question: string, top = 2): SavedMatch[] {
    const built = this.built;
    if (!built || built.answers.length === 0) return [];
    if (readQuestion(question).form === 'social') return [];
    const engine = built.index.engine;
    const words = engine.analyzer.words(question, true).filter((w) => w.stem && w.weight > 0);
    if (words.length === 0) return [];
    const forms = formsOf(words);
    const weight = (w: QueryWord) => w.weight * engine.idf(w.stem);
    const out: SavedMatch[] = [];
    for (const entry of built.answers) {
      const asked = coverage(words, entry.forms, weight);
      const worded = coverage(entry.words, forms, weight);
      if (asked < MIN_EACH_WAY || worded < MIN_EACH_WAY) continue;
      const score = (2 * asked * worded) / (asked + worded);
      if (score >= MATCH_SCORE) out.push({ answer: entry.answer, score });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, top);
  }
}

/** The share of `words`' weight that `forms` carries, each word credited by its best form. */
function coverage(words: readonly QueryWord[], forms: Forms, weight: (w: QueryWord) => number): number {
  let mass = 0;
  let covered = 0;
  for (const w of words) {
    // A number says nothing about the topic ("2025").
    if (/^\d+$/.test(w.stem)) continue;
    const m = weight(w);
    mass += m;
    let credit = 0;
    if (forms.stems.has(w.stem)) credit = 1;
    else if ((w.baseStem && (forms.stems.has(w.baseStem) || forms.bases.has(w.baseStem))) || forms.bases.has(w.stem)) credit = BASE_CREDIT;
    else if (w.parts.some((p) => forms.stems.has(p) || forms.parts.has(p)) || forms.parts.has(w.stem)) credit = PART_CREDIT;
    if (credit < CONCEPT_CREDIT && w.concepts.some((c) => forms.concepts.has(c))) credit = CONCEPT_CREDIT;
    covered += m * credit;
  }
  return mass > 0 ? covered / mass : 0;
}
