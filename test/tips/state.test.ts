// Channel ids from TIP_CHANNELS and --channel, and the stored state's defensive reading.
import { describe, expect, it } from 'vitest';
import { normalizeTipState, parseChannelSpec } from '../../src/tips/state.ts';

describe('channel ids', () => {
  it('read Slack ids with or without "slack:", and Teams conversation ids with "teams:"', () => {
    expect(parseChannelSpec('C0123ABCD')).toEqual({ platform: 'slack', channel: 'C0123ABCD', key: 'slack:C0123ABCD' });
    expect(parseChannelSpec(' slack:G0PRIVATE ')).toEqual({ platform: 'slack', channel: 'G0PRIVATE', key: 'slack:G0PRIVATE' });
    expect(parseChannelSpec('teams:19:abc@thread.tacv2')).toEqual({ platform: 'teams', channel: '19:abc@thread.tacv2', key: 'teams:19:abc@thread.tacv2' });
  });

  it('reject channel names and empty ids with a Danish explanation', () => {
    for (const bad of ['#general', 'general', 'slack:', 'teams:', 'c0123abcd']) {
      const r = parseChannelSpec(bad);
      expect('error' in r, bad).toBe(true);
    }
    expect(parseChannelSpec('#general')).toMatchObject({ error: expect.stringContaining('er ikke et Slack-kanal-id') });
  });
});

describe('the stored tip state', () => {
  it('keeps what is valid, fills defaults, and names what it drops', () => {
    const { state, problems } = normalizeTipState({
      subscriptions: {
        'slack:C1': { key: 'slack:C1', platform: 'slack', channel: 'C1', time: '08:30' },
        'slack:C2': { key: 'slack:C2', platform: 'slack', channel: 'C2', time: '8:30' },
      },
      rotations: { 'slack:C1': { round: 2, served: ['opad-01'], last: { id: 'opad-01', direction: 'opad', kind: 'do' } } },
      claims: { 'slack:C1': { '2025-12-01': { statementId: 'opad-01', state: 'posted', claimedAt: '2025-12-01T07:30:00Z', attempts: 1 }, 'i går': {} } },
    });
    expect(state.subscriptions['slack:C1']).toMatchObject({ status: 'active', origin: 'command', since: '1970-01-01T00:00:00.000Z' });
    expect(state.subscriptions['slack:C2']).toBeUndefined();
    expect(state.rotations['slack:C1']).toEqual({ round: 2, served: ['opad-01'], last: { id: 'opad-01', direction: 'opad', kind: 'do' } });
    expect(Object.keys(state.claims['slack:C1']!)).toEqual(['2025-12-01']);
    expect(problems).toEqual(['tips.subscriptions["slack:C2"] er ugyldigt og ignoreres', 'tips.claims["slack:C1"]["i går"] er ugyldigt og ignoreres']);
  });
});
