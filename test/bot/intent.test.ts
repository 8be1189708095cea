// What a message asks for: parseIntent(text) from src/bot/intent.ts.
import { describe, expect, it } from 'vitest';
import { parseIntent, parseTimeOfDay } from '../../src/bot/intent.ts';

describe('direction commands', () => {
  it.each([
    ['nedad', { type: 'direction', direction: 'nedad' }],
    ['NEDAD', { type: 'direction', direction: 'nedad' }],
    ['  Nedad!  ', { type: 'direction', direction: 'nedad' }],
    ['opad', { type: 'direction', direction: 'opad' }],
    ['udad', { type: 'direction', direction: 'udad' }],
    ['til siden', { type: 'direction', direction: 'til siden' }],
    ['Til Siden', { type: 'direction', direction: 'til siden' }],
    ['siden', { type: 'direction', direction: 'til siden' }],
    ['sideværts', { type: 'direction', direction: 'til siden' }],
    ['sidevaerts', { type: 'direction', direction: 'til siden' }],
    ['ledelse nedad', { type: 'direction', direction: 'nedad' }],
    ['/ledelse opad', { type: 'direction', direction: 'opad' }],
    ['<@U0LEDELSE> nedad', { type: 'direction', direction: 'nedad' }],
    ['<at>Ledelsesbot</at> udad', { type: 'direction', direction: 'udad' }],
  ])('"%s" shows a direction', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it.each([
    ['Nedad undgå', { type: 'direction', direction: 'nedad', kind: 'dont' }],
    ['nedad undga', { type: 'direction', direction: 'nedad', kind: 'dont' }],
    ['nedad undgaa', { type: 'direction', direction: 'nedad', kind: 'dont' }],
    ['ledelse opad gør', { type: 'direction', direction: 'opad', kind: 'do' }],
    ['opad goer', { type: 'direction', direction: 'opad', kind: 'do' }],
    ['udad dont', { type: 'direction', direction: 'udad', kind: 'dont' }],
    ['til siden undgå', { type: 'direction', direction: 'til siden', kind: 'dont' }],
  ])('"%s" narrows a direction to do or don\'t', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it.each([
    ['bungay', { type: 'general' }],
    ['Bungays', { type: 'general' }],
    ['backbrief', { type: 'general' }],
  ])('"%s" shows the remarks on Bungay\'s model', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it.each([
    ['brief', { type: 'brief' }],
    ['Brief', { type: 'brief' }],
    ['brief ny', { type: 'brief' }],
    ['brief status', { type: 'brief-status' }],
    ['Brief Status', { type: 'brief-status' }],
    ['briefs', { type: 'brief-status' }],
    ['mine briefs', { type: 'brief-status' }],
    ['<at>Ledelsesbot</at> brief <at>Anna</at> <at>Bo</at>', { type: 'brief' }],
  ])('"%s" gives a brief or shows one\'s briefs', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it('a question about briefs is still a question', () => {
    expect(parseIntent('Hvordan giver jeg et godt brief?').type).toBe('question');
  });
});

describe('questions', () => {
  it('a real question is a question, with its text kept', () => {
    const text = 'Hvordan fortæller jeg mine folk om nedskæringerne?';
    expect(parseIntent(text)).toEqual({ type: 'question', text });
  });

  it('a question that contains a direction word is a question, not a direction command', () => {
    const text = 'Hvordan leder jeg nedad, når budgettet skæres?';
    expect(parseIntent(text)).toEqual({ type: 'question', text });
    expect(parseIntent('Hvad siger grupperne om at lede opad i en spareproces?').type).toBe('question');
    expect(parseIntent('Hvordan samarbejder jeg til siden med de andre afdelinger?').type).toBe('question');
    expect(parseIntent('Hvad gør jeg?').type).toBe('question');
  });

  it('a question loses the bot mention but keeps the words', () => {
    expect(parseIntent('<@U0LEDELSE> Hvad er Bungays model?')).toEqual({ type: 'question', text: 'Hvad er Bungays model?' });
  });

  it('a very long message is a question and does not hang', () => {
    const long = 'Hvordan inddrager jeg medarbejderne? '.repeat(3000);
    const started = performance.now();
    expect(parseIntent(long).type).toBe('question');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('emoji only is a question (the search then says "no good match")', () => {
    expect(parseIntent('😀🎉')).toEqual({ type: 'question', text: '😀🎉' });
  });
});

describe('help', () => {
  it.each(['hjælp', 'Hjælp!', 'hjaelp', 'help', '?', '', '   ', '<@U0LEDELSE>', '/ledelse'])('"%s" asks for help', (text) => {
    expect(parseIntent(text)).toEqual({ type: 'help' });
  });
});

describe('tips', () => {
  it.each([
    ['tip', { type: 'tip' }],
    ['Tip', { type: 'tip' }],
    ['dagens tip', { type: 'tip' }],
    ['tip abonner', { type: 'tip-subscribe' }],
    ['tip abonner 8:30', { type: 'tip-subscribe', time: '08:30' }],
    ['tip abonner 08.30', { type: 'tip-subscribe', time: '08:30' }],
    ['tip abonner 0745', { type: 'tip-subscribe', time: '07:45' }],
    ['tip abonner 23:59', { type: 'tip-subscribe', time: '23:59' }],
    ['tip abonner kl. 9', { type: 'tip-subscribe', time: '09:00' }],
    ['tip abonner klokken 8.30', { type: 'tip-subscribe', time: '08:30' }],
    ['tip abonner 25:00', { type: 'tip-invalid-time', given: '25:00' }],
    ['tip abonner 24:00', { type: 'tip-invalid-time', given: '24:00' }],
    ['tip abonner 12:60', { type: 'tip-invalid-time', given: '12:60' }],
    ['tip abonner snart', { type: 'tip-invalid-time', given: 'snart' }],
    ['tip afmeld', { type: 'tip-unsubscribe' }],
    ['tip stop', { type: 'tip-unsubscribe' }],
    ['tip status', { type: 'tip-status' }],
    ['TIP STATUS', { type: 'tip-status' }],
  ])('"%s"', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it('a question that starts with "tips til" or "tips fra" is still a question', () => {
    for (const text of ['tips til at tale med medarbejderne om besparelser', 'tips til nye ledere', 'tips fra grupperne om tillid']) {
      expect(parseIntent(text), text).toEqual({ type: 'question', text });
    }
    // …while "til"/"fra" alone or before a time are still the short commands.
    expect(parseIntent('tip til 8:30')).toEqual({ type: 'tip-subscribe', time: '08:30' });
    expect(parseIntent('tip til')).toEqual({ type: 'tip-subscribe' });
    expect(parseIntent('tip fra')).toEqual({ type: 'tip-unsubscribe' });
  });

  it('parseTimeOfDay reads clock times and rejects the rest', () => {
    expect(parseTimeOfDay('8:30')).toBe('08:30');
    expect(parseTimeOfDay('7')).toBe('07:00');
    expect(parseTimeOfDay('0:00')).toBe('00:00');
    expect(parseTimeOfDay('25:00')).toBeUndefined();
    expect(parseTimeOfDay('8:7')).toBeUndefined();
    expect(parseTimeOfDay('otte')).toBeUndefined();
  });
});

describe('question channel', () => {
  it.each([
    ['kanal spørgsmål til', { type: 'question-channel', on: true }],
    ['kanal spørgsmål fra', { type: 'question-channel', on: false }],
    ['Kanal Spoergsmaal Til', { type: 'question-channel', on: true }],
  ])('"%s"', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });
});

// The forms people type after /ledelse in Slack (or on their own in Teams and on the page).
describe('/ledelse is forgiving about case, accents and extra words', () => {
  it.each([
    ['opad', { type: 'direction', direction: 'opad' }],
    ['NEDAD', { type: 'direction', direction: 'nedad' }],
    ['til siden', { type: 'direction', direction: 'til siden' }],
    ['Siden', { type: 'direction', direction: 'til siden' }],
    ['sideværts', { type: 'direction', direction: 'til siden' }],
    ['sidevaerts', { type: 'direction', direction: 'til siden' }],
    ['udad', { type: 'direction', direction: 'udad' }],
    ['ledelse udad', { type: 'direction', direction: 'udad' }],
    ['vis mig nedad', { type: 'direction', direction: 'nedad' }],
    ['nedad undgå', { type: 'direction', direction: 'nedad', kind: 'dont' }],
    ['Nedad, Undgå!', { type: 'direction', direction: 'nedad', kind: 'dont' }],
    ['nedad undgaa', { type: 'direction', direction: 'nedad', kind: 'dont' }],
    ["nedad don't", { type: 'direction', direction: 'nedad', kind: 'dont' }],
    ['opad gør', { type: 'direction', direction: 'opad', kind: 'do' }],
    ['opad goer', { type: 'direction', direction: 'opad', kind: 'do' }],
    ['til siden do', { type: 'direction', direction: 'til siden', kind: 'do' }],
    ['udad dont', { type: 'direction', direction: 'udad', kind: 'dont' }],
    ['bungay', { type: 'general' }],
    ['Brief', { type: 'brief' }],
    ['backbrief', { type: 'general' }],
    ['tip', { type: 'tip' }],
    ['hjælp', { type: 'help' }],
    ['HJÆLP', { type: 'help' }],
    ['', { type: 'help' }],
    ['tip abonner', { type: 'tip-subscribe' }],
    ['tip abonner 7:45', { type: 'tip-subscribe', time: '07:45' }],
    ['tip abonner 08.30', { type: 'tip-subscribe', time: '08:30' }],
    ['tip abonner kl. 9.15', { type: 'tip-subscribe', time: '09:15' }],
    ['tip abonner kl 9', { type: 'tip-subscribe', time: '09:00' }],
    ['tip abonner klokken 10:00', { type: 'tip-subscribe', time: '10:00' }],
    ['tip abonner 25:00', { type: 'tip-invalid-time', given: '25:00' }],
    ['tip afmeld', { type: 'tip-unsubscribe' }],
    ['Tip Status', { type: 'tip-status' }],
    ['kanal spørgsmål til', { type: 'question-channel', on: true }],
    ['Kanal Spørgsmål Fra', { type: 'question-channel', on: false }],
    ['kanal spoergsmaal til', { type: 'question-channel', on: true }],
  ])('/ledelse %s', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it('reads anything else as a question', () => {
    expect(parseIntent('Hvordan fortæller jeg om nedskæringerne?')).toEqual({ type: 'question', text: 'Hvordan fortæller jeg om nedskæringerne?' });
    expect(parseIntent('hvad skal jeg gøre opad når chefen er tavs').type).toBe('question');
  });

  it('reads a mention of the bot as if it were not there', () => {
    expect(parseIntent('<@UBOT0001> nedad undgå')).toEqual({ type: 'direction', direction: 'nedad', kind: 'dont' });
  });
});
