// Text for Slack's mrkdwn: escaping, user text made harmless and readable, and splitting long
// text at sentence or word boundaries so no limit ever cuts a sentence in the middle of a word.

/**
 * Escapes the three characters Slack treats as control characters in mrkdwn. Entities contain
 * no whitespace, so text escaped here can still be split safely at whitespace.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Plain "@channel" does not ping in blocks, but the word joiner keeps it inert everywhere.
    .replace(/(^|[^\w@])@(channel|here|everyone)\b/gi, '$1@\u2060$2');
}

/**
 * What a person wrote, as readable plain text with all Slack markup defused: mentions become
 * plain "@navn", links show only their label (never a link), channel links become "#navn".
 * Slack's own escaping (&lt; &gt; &amp;) is undone, so the result is raw text; pass it through
 * `escapeMrkdwn` before it goes into a message.
 */
export function readableUserText(raw: string): string {
  return raw
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_m, id: string, name?: string) => `@${name || id}`)
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/gi, (_m, word: string) => `@${word.toLowerCase()}`)
    .replace(/<!subteam\^[^|>]*(?:\|([^>]*))?>/gi, (_m, handle?: string) => handle || '@gruppe')
    .replace(/<!date\^[^|>]*(?:\|([^>]*))?>/gi, (_m, fallback?: string) => fallback || '(dato)')
    .replace(/<!([^>|]*)(?:\|([^>]*))?>/g, (_m, word: string, label?: string) => label || word)
    .replace(/<#[A-Z0-9]+(?:\|([^>]*))?>/gi, (_m, name?: string) => `#${name || 'kanal'}`)
    .replace(/<((?:https?|mailto|ftp):[^|>]*)\|([^>]*)>/gi, (_m, _url: string, label: string) => label || '(link)')
    .replace(/<(?:https?|mailto|ftp):[^>]*>/gi, '(link)')
    .replace(/\b(?:https?|ftp):\/\/\S+/gi, '(link)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** Cuts plain text to at most `max` characters at a word boundary, marking the cut with "…". */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A person's text, quoted safely in mrkdwn and kept short. */
export function quoteUserText(raw: string, max: number): string {
  return escapeMrkdwn(shorten(readableUserText(raw), max));
}

/**
 * Splits text into pieces of at most `max` characters, at paragraph breaks if possible, else at
 * sentence ends, else between words. Only a single word longer than `max` is ever cut.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut =
      lastBoundary(window, /\n\s*\n/g) ??
      lastBoundary(window, /[.!?:;…]["”»)]?\s+/g) ??
      lastBoundary(window, /\s+/g) ??
      max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces.filter((p) => p.length > 0);
}

/**
 * Where to cut `window` (the text up to one character past the limit): just after the last
 * separator matching `pattern` that lies past its first quarter. Every pattern ends in
 * whitespace, which the caller trims, so the piece before the cut always fits.
 */
function lastBoundary(window: string, pattern: RegExp): number | undefined {
  let best: number | undefined;
  for (const m of window.matchAll(pattern)) {
    if (m.index > window.length / 4) best = m.index + m[0].length;
  }
  return best;
}

/**
 * Packs lines into blocks of text of at most `max` characters each, never splitting a line
 * unless the line alone is longer than `max` (then it is split with `splitText`).
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const parts = line.length > max ? splitText(line, max) : [line];
    for (const part of parts) {
      if (!current) current = part;
      else if (current.length + 1 + part.length <= max) current += `\n${part}`;
      else {
        chunks.push(current);
        current = part;
      }
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
