// What the person asked for. Parsing is forgiving: case, accents, æøå written as ae/oe/aa,
// extra words ("ledelse nedad", "vis opad"), and Slack/Teams mention markup.

import {
  DIRECTION_ALIASES,
  KIND_ALIASES,
  LEADING_DIRECTIONS,
  foldForMatching,
  type Kind,
  type LeadingDirection,
} from '../knowledge/directions.ts';
import { stripMarkup } from '../search/normalize.ts';

export type Intent =
  | { type: 'help' }
  | { type: 'direction'; direction: LeadingDirection; kind?: 'do' | 'dont' }
  | { type: 'general'; kind?: 'do' | 'dont' }
  | { type: 'tip' }
  | { type: 'tip-subscribe'; time?: string }
  | { type: 'tip-unsubscribe' }
  | { type: 'tip-status' }
  | { type: 'tip-invalid-time'; given: string }
  | { type: 'question-channel'; on: boolean }
  /** Give a brief (the form), or see one's briefs and their backbriefs. */
  | { type: 'brief' }
  | { type: 'brief-status' }
  /** "hr kanal til|fra": this channel receives (or stops receiving) the questions sent to HR. */
  | { type: 'hr-channel'; on: boolean }
  /** "hr svar": the answers HR saved as knowledge. */
  | { type: 'hr-saved' }
  | { type: 'question'; text: string };

/** Words that may stand around a direction without making it a question. */
const FILLER = new Set(['ledelse', 'lede', 'leder', 'vis', 'se', 'hvad', 'om', 'og', 'i', 'til', 'de', 'alle', 'mig', 'please', 'tak']);
const HELP = new Set(['hjalp', 'hjaelp', 'help', '?', 'hj', 'kommandoer', 'brug', 'vejledning']);

function fold(words: string): string[] {
  return foldForMatching(words).split(' ').filter(Boolean);
}

const directionLookup = new Map<string, LeadingDirection>();
for (const d of LEADING_DIRECTIONS) for (const alias of DIRECTION_ALIASES[d]) directionLookup.set(fold(alias).join(' '), d);
const generalWords = new Set(DIRECTION_ALIASES.general.map((a) => fold(a).join(' ')));
const kindLookup = new Map<string, 'do' | 'dont'>();
for (const k of ['do', 'dont'] as const) for (const alias of KIND_ALIASES[k] ?? []) kindLookup.set(fold(alias).join(' '), k);

/** "8:30", "08.30", "0830" → "08:30"; undefined when not a time of day. */
export function parseTimeOfDay(text: string): string | undefined {
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * Reads a command or question. `text` is what followed `/ledelse`, or a whole message with
 * any mention of the bot in it.
 */
export function parseIntent(text: string): Intent {
  const clean = stripMarkup(text).replace(/^\s*\/?ledelse\b/i, ' ').trim();
  const words = fold(clean.replace(/[!?.,;:"'()]+$/g, '').replace(/[,;"()]/g, ' '));
  if (words.length === 0 || (words.length <= 2 && words.every((w) => HELP.has(w) || w === 'mig'))) {
    return { type: 'help' };
  }

  const [first, second, third] = words;
  if (first === 'tip' || first === 'tips' || first === 'dagens') {
    const rest = first === 'dagens' ? words.slice(2) : words.slice(1);
    if (first === 'dagens' && second !== 'tip') return { type: 'question', text: clean };
    const [verb] = rest;
    // "tip abonner kl. 8.30": the time may come after "kl." or "klokken".
    const arg = rest[1] === 'kl' || rest[1] === 'kl.' || rest[1] === 'klokken' ? rest[2] : rest[1];
    if (verb === undefined) return { type: 'tip' };
    // "tips til nye ledere", "tips fra grupperne om …": there "til"/"fra" are prepositions
    // in a question; as commands they stand alone ("tip fra") or before a time ("tip til 8:30").
    if ((verb === 'til' || verb === 'fra') && rest.length > 1 && !(verb === 'til' && /\d/.test(arg ?? ''))) {
      return { type: 'question', text: clean };
    }
    if (verb.startsWith('abonn') || verb === 'subscribe' || verb === 'til') {
      if (arg === undefined) return { type: 'tip-subscribe' };
      const time = parseTimeOfDay(arg);
      return time ? { type: 'tip-subscribe', time } : { type: 'tip-invalid-time', given: arg };
    }
    if (verb.startsWith('afmeld') || verb === 'unsubscribe' || verb === 'stop' || verb === 'fra') return { type: 'tip-unsubscribe' };
    if (verb === 'status') return { type: 'tip-status' };
    if (rest.length <= 1 && (verb === 'nu' || verb === 'tak' || verb === 'igen')) return { type: 'tip' };
  }

  // "brief" opens the form; "brief status" (or "briefs", "mine briefs") is the overview.
  // "bungay" and "backbrief" still show the groups' remarks.
  if (first === 'brief' && words.length === 1) return { type: 'brief' };
  if (first === 'brief' && words.length === 2 && (second === 'ny' || second === 'giv')) return { type: 'brief' };
  if ((first === 'brief' || first === 'briefs') && words.length === 2 && (second === 'status' || second === 'oversigt')) return { type: 'brief-status' };
  if ((first === 'briefs' && words.length === 1) || (first === 'mine' && second === 'briefs' && words.length === 2)) return { type: 'brief-status' };

  if (first === 'kanal' && (second === 'sporgsmal' || second === 'spoergsmaal' || second === 'sporgsmaal') && (third === 'til' || third === 'fra')) {
    return { type: 'question-channel', on: third === 'til' };
  }

  if (first === 'hr' && second === 'kanal' && (third === 'til' || third === 'fra') && words.length === 3) {
    return { type: 'hr-channel', on: third === 'til' };
  }
  if (first === 'hr' && second === 'svar' && words.length === 2) return { type: 'hr-saved' };

  // A short command made only of a direction, a do/don't word and filler.
  if (words.length <= 5) {
    let direction: LeadingDirection | undefined;
    let general = false;
    let kind: 'do' | 'dont' | undefined;
    let ok = true;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const pair = i + 1 < words.length ? `${w} ${words[i + 1]}` : undefined;
      if (pair && directionLookup.has(pair)) {
        direction = directionLookup.get(pair);
        i++;
      } else if (pair && kindLookup.has(pair)) {
        kind = kindLookup.get(pair);
        i++;
      } else if (directionLookup.has(w) && !(w === 'siden' && direction)) {
        direction = directionLookup.get(w);
      } else if (generalWords.has(w)) {
        general = true;
      } else if (kindLookup.has(w)) {
        kind = kindLookup.get(w);
      } else if (!FILLER.has(w)) {
        ok = false;
        break;
      }
    }
    if (ok && direction && !general) return kind ? { type: 'direction', direction, kind } : { type: 'direction', direction };
    if (ok && general && !direction) return kind ? { type: 'general', kind } : { type: 'general' };
  }

  return { type: 'question', text: clean };
}

export type { Kind };
