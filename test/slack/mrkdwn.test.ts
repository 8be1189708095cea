import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, packLines, quoteUserText, readableUserText, shorten, splitText } from '../../src/slack/mrkdwn.ts';

describe('escapeMrkdwn', () => {
  it('escapes the three control characters, ampersand first', () => {
    expect(escapeMrkdwn('a & b < c > d &lt;')).toBe('a &amp; b &lt; c &gt; d &amp;lt;');
  });
  it('keeps @channel, @here and @everyone inert, but not e-mail addresses', () => {
    expect(escapeMrkdwn('@channel @Here hej@everyone.dk')).toBe('@\u2060channel @\u2060Here hej@everyone.dk');
  });
});

describe('readableUserText', () => {
  it('turns Slack markup into plain text with no link and no mention left', () => {
    expect(readableUserText('<@U123> <@U456|mette> <!here> <!channel> <!subteam^S1|@ledere> <#C1|budget> <https://evil.example|klik> <mailto:a@b.dk> https://x.example/y')).toBe(
      '@U123 @mette @here @channel @ledere #budget klik (link) (link)',
    );
  });
  it("undoes Slack's own escaping, so what was typed is what is shown", () => {
    expect(readableUserText('5 &lt; 7 &amp;&amp; 8 &gt; 2')).toBe('5 < 7 && 8 > 2');
  });
  it('quotes a question escaped, short and on one line', () => {
    const q = quoteUserText(`<!here> hvad gør jeg & hvorfor <b>\n${'ord '.repeat(200)}`, 60);
    expect(q.length).toBeLessThanOrEqual(80);
    expect(q).toMatch(/^@\u2060here hvad gør jeg &amp; hvorfor &lt;b&gt; ord/);
    expect(q.endsWith('…')).toBe(true);
  });
});

describe('splitText', () => {
  const text = Array.from({ length: 40 }, (_, i) => `Dette er sætning nummer ${i}, som handler om ledelse.`).join(' ');

  it('splits at sentence ends into pieces within the limit, losing nothing', () => {
    const pieces = splitText(text, 300);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(300);
      expect(p).toMatch(/ledelse\.$/);
    }
    expect(pieces.join(' ')).toBe(text);
  });

  it('prefers paragraph breaks, and falls back to word boundaries for one endless sentence', () => {
    expect(splitText(`${'a '.repeat(40).trim()}\n\n${'b '.repeat(40).trim()}`, 100)).toEqual(['a '.repeat(40).trim(), 'b '.repeat(40).trim()]);
    const words = 'ord '.repeat(100).trim();
    for (const p of splitText(words, 50)) {
      expect(p.length).toBeLessThanOrEqual(50);
      expect(p).toMatch(/^ord( ord)*$/);
    }
  });

  it('never cuts an escaped entity, because entities contain no space', () => {
    const escaped = escapeMrkdwn('Brug & og < og > med omtanke. '.repeat(50));
    for (const p of splitText(escaped, 120)) expect(p).not.toMatch(/&(a|am|l|g)?$|&amp?$|&[lg]t?$/);
  });

  it('packs lines into as few blocks as fit, keeping each line whole', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `• linje ${i} ${'x'.repeat(80)}`);
    const chunks = packLines(lines, 500);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(500);
    expect(chunks.join('\n').split('\n')).toEqual(lines);
    // Greedy: no chunk could have taken the next chunk's first line.
    for (let i = 0; i + 1 < chunks.length; i++) expect(chunks[i]!.length + 1 + chunks[i + 1]!.split('\n')[0]!.length).toBeGreaterThan(500);
  });

  it('shortens at a word boundary with an ellipsis', () => {
    expect(shorten('et to tre fire fem', 12)).toBe('et to tre…');
    expect(shorten('kort', 12)).toBe('kort');
  });
});
