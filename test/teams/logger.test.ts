// The Teams SDK's log lines reach our log in Danish where we know them, and never with a
// token or an activity's content in them.

import { describe, expect, test } from 'vitest';
import { SdkLogger } from '../../src/teams/sdk-logger.ts';
import { testLog } from '../helpers/teams-deps.ts';

describe('SDK log lines', () => {
  test('known lines are said in Danish; the redundant start-up warning is dropped', () => {
    const log = testLog();
    const sdk = new SdkLogger(log);
    sdk.warn('No credentials configured (CLIENT_ID / CLIENT_SECRET / TENANT_ID), but dangerouslyAllowUnauthenticatedRequests is enabled. Bot will accept …');
    sdk.warn('inbound activity rejected (type=message, id=1): missing Authorization header (responding 401)');
    sdk.child('jwt-validator').error('JWT verification failed:', new Error('invalid signature'));
    sdk.error('JWT validation failed', new Error('Invalid token'));
    expect(log.lines).toEqual([
      'warn Teams: en besked uden login-token blev afvist (401).',
      'error Teams: en besked med et ugyldigt token blev afvist (401): invalid signature.',
    ]);
  });

  test('objects (activities, request configs) are left out and tokens are masked', () => {
    const log = testLog();
    const sdk = new SdkLogger(log);
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl';
    sdk.error('Error processing activity:', { text: 'Hvordan fortæller jeg om fyringer?', headers: { authorization: `Bearer ${token}` } });
    sdk.error(`request failed with Bearer ${token}`);
    sdk.debug('Handling activity', { text: 'hemmeligt' });
    sdk.info('listening');
    expect(log.lines).toEqual(['error [teams] Error processing activity:', 'error [teams] request failed with Bearer ***']);
    expect(log.lines.join('\n')).not.toContain('fyringer');
  });
});
