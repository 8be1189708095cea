// Channel ids from TIP_CHANNELS, QUESTION_CHANNELS and `ledelse tip --channel`.
import { describe, expect, it } from 'vitest';
import { parseChannelSpec } from '../src/channels.ts';

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
