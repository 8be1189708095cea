// With CLIENT_ID set, every activity must carry a valid Bot Framework token. Tokens are
// signed with a test key that the connector stand-in publishes as the Bot Framework's keys,
// so validation runs for real and no call leaves this machine.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { createSigner, type TestSigner } from '../helpers/teams-auth.ts';
import { PERSONAL, personalMessage } from '../helpers/teams-activities.ts';
import { cardsOf, startHarness, textOf, type Harness } from '../helpers/teams-harness.ts';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const signer: TestSigner = createSigner('bf-key-1');
const impostor: TestSigner = createSigner('bf-key-1'); // same key id, different key
const OUTGOING_TOKEN = signer.token({ aud: 'https://api.botframework.com', appid: CLIENT_ID });

let h: Harness;

function incomingToken(serviceUrl: string, claims: Record<string, unknown> = {}, by: TestSigner = signer): string {
  return by.token({ iss: 'https://api.botframework.com', aud: CLIENT_ID, serviceurl: serviceUrl, ...claims });
}

beforeAll(async () => {
  h = await startHarness({ CLIENT_ID, TENANT_ID: 'tenant-kommune', TEAMS_HOST: '127.0.0.1' }, (connector) => ({
    // The Bot Framework's key endpoint, and the bot's own token, without Microsoft's servers.
    cloud: withOverrides(PUBLIC, { openIdMetadataUrl: `${connector.origin}/v1/.well-known/openidconfiguration` }),
    botToken: () => OUTGOING_TOKEN,
  }));
  h.connector.serveKeys(signer.jwks);
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.requests.length = 0;
});

describe('with CLIENT_ID set', () => {
  test('the endpoint requires login and listens where TEAMS_HOST says', () => {
    expect(h.teams.bot.authenticated).toBe(true);
    expect(h.teams.host).toBe('127.0.0.1');
    expect(h.teams.address).toContain('med Bot Framework-login');
  });

  test('an activity without a token gets 401 and nothing is sent', async () => {
    const res = await h.post(personalMessage(h.connector.serviceUrl, 'nedad'));
    expect(res.status).toBe(401);
    expect(h.connector.requests).toHaveLength(0);
  });

  test('a malformed token gets 401 and nothing is sent', async () => {
    const res = await h.post(personalMessage(h.connector.serviceUrl, 'nedad'), { authorization: 'Bearer not-a-jwt' });
    expect(res.status).toBe(401);
    expect(h.connector.requests).toHaveLength(0);
  });

  test('a token signed with another key gets 401; only the key set is fetched', async () => {
    const res = await h.post(personalMessage(h.connector.serviceUrl, 'nedad'), { authorization: `Bearer ${incomingToken(h.connector.serviceUrl, {}, impostor)}` });
    expect(res.status).toBe(401);
    expect(h.connector.activities()).toHaveLength(0);
    expect(h.connector.requests.every((r) => r.path.startsWith('/v1/.well-known/'))).toBe(true);
  });

  test('a token for another bot (audience) gets 401', async () => {
    const res = await h.post(personalMessage(h.connector.serviceUrl, 'nedad'), { authorization: `Bearer ${incomingToken(h.connector.serviceUrl, { aud: 'another-bot' })}` });
    expect(res.status).toBe(401);
    expect(h.connector.activities()).toHaveLength(0);
  });

  test('a token issued for another serviceUrl gets 401', async () => {
    const res = await h.post(personalMessage(h.connector.serviceUrl, 'nedad'), {
      authorization: `Bearer ${incomingToken('https://smba.trafficmanager.net/emea/')}`,
    });
    expect(res.status).toBe(401);
    expect(h.connector.activities()).toHaveLength(0);
  });

  test('a valid token is answered, and the reply carries the bot\'s own token', async () => {
    const res = await h.post(personalMessage(h.connector.serviceUrl, 'nedad'), { authorization: `Bearer ${incomingToken(h.connector.serviceUrl)}` });
    expect(res.status).toBe(200);
    const [reply] = h.connector.activities();
    expect(reply!.conversationId).toBe(PERSONAL);
    expect(reply!.headers.authorization).toBe(`Bearer ${OUTGOING_TOKEN}`);
    expect(textOf(cardsOf(reply!.activity)[0])).toContain('Ledelse nedad');
  });

  test('with credentials, no log line carries a token', () => {
    const log = h.deps.log.lines.join('\n');
    expect(log).not.toContain(OUTGOING_TOKEN);
    expect(log).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});
