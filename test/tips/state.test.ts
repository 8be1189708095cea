// The stored tip state's defensive reading.
import { describe, expect, it } from 'vitest';
import { normalizeTipState } from '../../src/tips/state.ts';

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
