// Step 1 of the analysis chain: clean raw user text and cut it into word tokens.

/** Longest text we analyse. Beyond this a "question" is a paste, and its start says enough. */
export const MAX_ANALYSED_CHARS = 4000;

/**
 * Remove chat markup so that only what the person wrote remains:
 * Slack `<@U123>`, `<!channel>`, `<#C1|navn>`, `<https://x|label>`; Teams `<at>Name</at>`;
 * HTML tags and entities; emoji and other symbols.
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[@!#][^>]*>/g, ' ')
    .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/gi, ' $2 ')
    .replace(/<(?:https?|mailto):[^>]*>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(?:amp|lt|gt|quot|nbsp|#\d+);/g, ' ')
    .replace(/https?:\/\/\S+/gi, ' ');
}

/** NFC, lower case, no markup, no emoji; keeps æ, ø, å and digits. */
export function normalizeText(text: string): string {
  const capped = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  return stripMarkup(capped)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{Extended_Pictographic}\p{So}\u200d\ufe0f]/gu, ' ')
    .replace(MULTIWORD_UNITS, (m) => (m.startsWith('pas') ? 'paspå' : m.replace(/\s+/g, '')));
}

/**
 * Fixed expressions read as one word. "til siden" is the sideways direction; split, its
 * "siden" stems like "sidde" (to sit). "passe på" (take care, watch out) is not "passe" (to fit).
 */
const MULTIWORD_UNITS = /(?<![\p{L}\p{N}])(?:til\s+siden|pas(?:se|ser|sede|set)?\s+på)(?![\p{L}\p{N}])/gu;

export interface Token {
  /** The word as written (normalised). Hyphenated compounds are joined: "med-udvalget" → "medudvalget". */
  word: string;
  /** For a hyphenated compound, its parts ("med", "udvalget"). */
  hyphenParts?: string[];
}

const WORD = /[\p{L}\p{N}]+(?:[-‐‑][\p{L}\p{N}]+)*/gu;

/** Unicode word tokenizer: letters and digits of any script, so æ, ø, å never split a word. */
export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(WORD)) {
    const raw = match[0];
    // Single letters ("a", "b", list markers) carry no meaning; digits may ("3i1" is one token).
    if (raw.length === 1 && !/\d/.test(raw)) continue;
    if (/[-‐‑]/.test(raw)) {
      const parts = raw.split(/[-‐‑]/).filter(Boolean);
      tokens.push({ word: parts.join(''), hyphenParts: parts });
    } else {
      tokens.push({ word: raw });
    }
  }
  return tokens;
}
