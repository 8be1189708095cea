// The forms of /ledelse people type, read forgivingly (parsing lives in src/bot/intent.ts).

import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../src/bot/intent.ts';

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
    ['Brief', { type: 'general' }],
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
