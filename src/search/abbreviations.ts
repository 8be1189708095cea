// Abbreviations leaders type in a hurry. Those of a preposition or a phrase ("ift" = i forhold
// til, "pga" = på grund af) say nothing about the topic, like the words they stand for, and are
// stop words. Those of a noun ("medarb", "afd", "mdr") are read as the word itself, so
// "medarb er sure" finds what "medarbejderne er sure" finds. General Danish, not this domain's:
// the domain's own short forms (TR, AMR, MED) are terms of the lexicon.

/** Abbreviations of prepositions and phrases; the full stop is gone after tokenizing ("bl.a." → "bl"). */
export const PHRASE_ABBREVIATIONS = `ift pga mht ifm vedr ang iflg hhv vha mtp mhp dvs jf jvf bl inkl ekskl kl`;

/** Abbreviations of nouns, read as the noun. */
export const WORD_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['medarb', 'medarbejdere'],
  ['afd', 'afdeling'],
  ['afdel', 'afdeling'],
  ['mdr', 'måneder'],
  ['md', 'måned'],
  ['adm', 'administration'],
  ['sagsbeh', 'sagsbehandler'],
  ['pæd', 'pædagog'],
  ['dir', 'direktør'],
  ['forv', 'forvaltning'],
]);
